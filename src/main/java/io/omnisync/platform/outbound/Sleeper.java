package io.omnisync.platform.outbound;

import java.time.Duration;

/** Waits; the real one parks the thread, tests pass one that records the wait or moves a test clock instead. */
@FunctionalInterface
public interface Sleeper {

    /** The JVM's sleep. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
