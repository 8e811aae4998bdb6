package io.omnisync.connector.ebay;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket of {@code capacity} calls refilled at {@code perSecond}. {@link #reserve()} takes a token and says
 * how long the caller must wait for it; a caller that must wait has the token reserved, so waiting callers queue
 * up one refill interval apart instead of all retrying at once.
 */
final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double perSecond, int capacity, Clock clock) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.clock = clock;
        this.tokens = capacity;
        this.updatedNanos = nanos();
    }

    /** Takes one token; the wait before it may be used (zero when one was in the bucket). */
    synchronized Duration reserve() {
        long now = nanos();
        tokens = Math.min(capacity, tokens + (now - updatedNanos) / 1e9 * perSecond);
        updatedNanos = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
