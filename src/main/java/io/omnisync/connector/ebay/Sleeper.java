package io.omnisync.connector.ebay;

import java.time.Duration;

/** Waits; tests pass one that advances a test clock instead, so no test depends on real time. */
@FunctionalInterface
public interface Sleeper {

    /** Real waiting with {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
