package io.omnisync.platform.bus;

import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.error.ErrorClassifier;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redelivery waits of both buses: exponential from initial-backoff, capped at max-backoff, with "equal jitter"; never
 * shorter than a Retry-After the failure carries (up to {@link #LONGEST_RETRY_AFTER}), so a rate-limited call is not
 * sent again early.
 */
final class Backoff {

    /** A Retry-After beyond this (a broken or hostile server) is not waited out longer than this. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private Backoff() {
    }

    /** Half of the capped exponential wait is fixed, half random. */
    static Duration of(PlatformProperties.Bus settings, int attempt) {
        long initial = settings.getInitialBackoff().toMillis();
        long cap = settings.getMaxBackoff().toMillis();
        long exponential = Math.min(cap, initial << Math.min(attempt - 1, 30));
        long half = Math.max(1, exponential / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** The wait after {@code failure}: the exponential one, or the failure's Retry-After when that is longer. */
    static Duration of(PlatformProperties.Bus settings, int attempt, Throwable failure) {
        Duration exponential = of(settings, attempt);
        return ErrorClassifier.retryAfter(failure)
                .map(asked -> asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked)
                .filter(asked -> asked.compareTo(exponential) > 0).orElse(exponential);
    }
}
