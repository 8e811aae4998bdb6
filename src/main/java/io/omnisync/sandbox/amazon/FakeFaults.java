package io.omnisync.sandbox.amazon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Faults injected by tests: each queued fault answers one SP-API call. */
final class FakeFaults {

    /** An error to answer instead of the call, with a Retry-After header if set. */
    record Fault(SpApiError error, Optional<Duration> retryAfter) {
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

    void add(int count, SpApiError error, Duration retryAfter) {
        for (int i = 0; i < count; i++) {
            queue.add(new Fault(error, Optional.ofNullable(retryAfter)));
        }
    }

    Optional<Fault> next() {
        return Optional.ofNullable(queue.poll());
    }
}
