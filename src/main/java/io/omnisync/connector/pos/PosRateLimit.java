package io.omnisync.connector.pos;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client's pacing: a token bucket of {@code burst} calls refilled at {@code calls-per-second} (a caller that must
 * wait has its token reserved, so waiting callers queue instead of storming), and the wait between attempts: the
 * POS's {@code Retry-After} (plus up to 10% jitter) or an exponential backoff with "equal jitter", never above
 * {@code max-backoff}.
 */
final class PosRateLimit {

    private final double perSecond;
    private final double capacity;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final RandomGenerator random;
    private double tokens;
    private long updatedNanos;

    PosRateLimit(PosLimits limits, Clock clock, RandomGenerator random) {
        this.perSecond = limits.getCallsPerSecond();
        this.capacity = limits.getBurst();
        this.initialBackoff = limits.getInitialBackoff();
        this.maxBackoff = limits.getMaxBackoff();
        this.clock = clock;
        this.random = random;
        this.tokens = capacity;
        this.updatedNanos = nanos();
    }

    /** Takes one token; the wait before it may be used (zero when one was in the bucket). */
    synchronized Duration reserve() {
        long now = nanos();
        tokens = Math.min(capacity, tokens + (now - updatedNanos) / 1e9 * perSecond);
        updatedNanos = now;
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    }

    /** The wait after failed attempt {@code attempt} (1-based); empty when the POS asks for more than max-backoff. */
    Optional<Duration> backoff(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            if (asked.compareTo(maxBackoff) > 0) {
                return Optional.empty();
            }
            return Optional.of(asked.plusMillis((long) (asked.toMillis() * 0.1 * random.nextDouble())));
        }
        long step = Math.min(initialBackoff.toMillis() << Math.min(attempt - 1, 20), maxBackoff.toMillis());
        return Optional.of(Duration.ofMillis(step / 2 + (long) (step / 2.0 * random.nextDouble())));
    }

    /** {@code Retry-After} in seconds; anything else is ignored. */
    static Optional<Duration> parseRetryAfter(Optional<String> header) {
        try {
            return header.map(String::trim).map(Long::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
