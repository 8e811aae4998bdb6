package io.omnisync.connector.ebay;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts: eBay's {@code Retry-After} when it sends one (plus up to 10% jitter, so that clients
 * told the same time do not return together), otherwise an exponential backoff from {@code initial} with "equal
 * jitter" (between half and all of the step), never more than {@code max}.
 */
final class EbayBackoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    EbayBackoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based), or empty when eBay asks for a longer wait than
     * {@code max}: then the call should fail and be retried later by the bus rather than hold a thread.
     */
    Optional<Duration> after(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            if (asked.compareTo(max) > 0) {
                return Optional.empty();
            }
            long jitter = (long) (asked.toMillis() * 0.1 * random.nextDouble());
            return Optional.of(asked.plusMillis(jitter));
        }
        long step = initial.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(step, max.toMillis());
        return Optional.of(Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random.nextDouble())));
    }

    /** Parses {@code Retry-After} in seconds (eBay does not send HTTP dates); nonsense is ignored. */
    static Optional<Duration> parseRetryAfter(Optional<String> header) {
        try {
            return header.map(String::trim).map(Long::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
