package io.omnisync.platform.outbound;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts of one call: the other side's {@code Retry-After} when it sends one (plus up to 10% jitter,
 * so that clients told the same time do not return together, never less than asked), otherwise an exponential
 * backoff from {@code initial} with "equal jitter" (between half and all of the step), never more than {@code max}.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based), or empty when the other side asks for a longer wait
     * than {@code max}: then the call should fail and be retried later by the bus rather than hold a thread.
     */
    public Optional<Duration> after(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            if (asked.compareTo(max) > 0) {
                return Optional.empty();
            }
            return Optional.of(asked.plusMillis((long) (asked.toMillis() * 0.1 * random.nextDouble())));
        }
        long step = Math.min(initial.toMillis() << Math.min(attempt - 1, 20), max.toMillis());
        return Optional.of(Duration.ofMillis(step / 2 + (long) (step / 2.0 * random.nextDouble())));
    }

    /** The longest wait this backoff sleeps inside one call. */
    public Duration max() {
        return max;
    }
}
