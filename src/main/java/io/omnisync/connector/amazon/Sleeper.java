package io.omnisync.connector.amazon;

import java.time.Duration;

/** Waits; the real one parks the thread, tests pass one that moves a test clock instead. */
@FunctionalInterface
public interface Sleeper {

    /** The JVM's sleep. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
