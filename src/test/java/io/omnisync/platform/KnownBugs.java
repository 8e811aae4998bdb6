package io.omnisync.platform;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Known defects the tests document without turning the build red. A test calls {@link #skipOn} before
 * the assertions that expose the defect; run with {@code -Domnisync.test.knownBugs=true} to see them fail.
 */
public final class KnownBugs {

    private static final boolean SHOW = Boolean.getBoolean("omnisync.test.knownBugs");

    private KnownBugs() {
    }

    /** Skips the rest of the test on this engine, giving the reason, unless known bugs are to be shown. */
    public static void skipOn(StateDatabases.Engine affected, StateDatabase db, String reason) {
        assumeFalse(!SHOW && db.engine() == affected, "known bug on " + affected + ": " + reason);
    }
}
