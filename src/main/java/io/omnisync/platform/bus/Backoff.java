package io.omnisync.platform.bus;

import io.omnisync.platform.config.PlatformProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Redelivery waits of both buses: exponential from initial-backoff, capped at max-backoff, with "equal jitter". */
final class Backoff {

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
}
