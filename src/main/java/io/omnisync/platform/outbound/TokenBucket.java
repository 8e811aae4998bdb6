package io.omnisync.platform.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A client-side rate limit (an SP-API usage plan, an eBay API's or the POS's calls per second): {@code burst} tokens,
 * refilled at {@code rate} per second. A caller reserves a token and is told how long to wait for it; reservations
 * queue (the token count goes negative), so concurrent callers line up instead of all retrying at once. Time comes
 * from the caller, never from a clock read here, which keeps the bucket deterministic in tests.
 */
public final class TokenBucket {

    private final int burst;
    private double rate;
    private double tokens;
    private Instant updated;

    public TokenBucket(double rate, int burst, Instant now) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.updated = now;
    }

    /**
     * Reserves one token.
     *
     * @return how long the caller must wait before sending, or empty (nothing reserved) when that is longer than
     *     {@code maxWait}
     */
    public synchronized Optional<Duration> reserve(Instant now, Duration maxWait) {
        refill(now);
        Instant start = now.isAfter(updated) ? now : updated;
        double missing = Math.max(0, 1 - tokens);
        Instant available = start.plusNanos((long) Math.ceil(missing / rate * 1e9));
        Duration wait = Duration.between(now, available);
        if (wait.compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        tokens -= 1;
        return Optional.of(wait);
    }

    /** Reserves one token however long the wait for it is. */
    public Duration reserve(Instant now) {
        return reserve(now, ChronoUnit.FOREVER.getDuration()).orElseThrow();
    }

    /** After a 429: no request before {@code now + wait}, then one token, then the sustained rate again. */
    public synchronized void blockFor(Instant now, Duration wait) {
        refill(now);
        Instant until = now.plus(wait);
        if (until.isAfter(updated)) {
            updated = until;
        }
        tokens = Math.min(tokens, 1);
    }

    /** The other side said (e.g. Amazon's x-amzn-RateLimit-Limit) which rate applies. */
    public synchronized void retune(Instant now, double newRate) {
        refill(now);
        this.rate = newRate;
    }

    public synchronized double rate() {
        return rate;
    }

    public int burst() {
        return burst;
    }

    private void refill(Instant now) {
        if (now.isAfter(updated)) {
            double seconds = Duration.between(updated, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + seconds * rate);
            updated = now;
        }
    }
}
