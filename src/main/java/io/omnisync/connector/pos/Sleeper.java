package io.omnisync.connector.pos;

import java.time.Duration;

/** Waits; tests pass one that records the waits (or advances a test clock), so no test depends on real time. */
@FunctionalInterface
public interface Sleeper {

    /** Real waiting with {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
