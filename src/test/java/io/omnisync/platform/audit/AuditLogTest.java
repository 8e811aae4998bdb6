package io.omnisync.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.TestClock;
import io.omnisync.platform.audit.AuditLog.Entry;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AuditLog")
class AuditLogTest {

    @OnBothDatabases
    @DisplayName("records who did what when, and latest lists the newest first up to the limit")
    void recordsAndListsNewestFirst(Engine engine) {
        try (StateDatabase db = engine.open()) {
            AuditLog audit = new AuditLog(db.jdbc(), db.clock());
            audit.record("alice", "replay", "dead-letter 1", "ok");
            db.clock().advance(Duration.ofMinutes(1));
            audit.record("bob", "discard", "dead-letter 2", "ok");
            db.clock().advance(Duration.ofMinutes(1));
            audit.record("alice", "replay", "dead-letter 3", "failed: MISSING");

            assertThat(audit.latest(2)).containsExactly(
                    new Entry("alice", "replay", "dead-letter 3", "failed: MISSING", TestClock.START.plus(Duration.ofMinutes(2))),
                    new Entry("bob", "discard", "dead-letter 2", "ok", TestClock.START.plus(Duration.ofMinutes(1))));
            assertThat(audit.latest(10)).extracting(Entry::target)
                    .containsExactly("dead-letter 3", "dead-letter 2", "dead-letter 1");
        }
    }

    @OnBothDatabases
    @DisplayName("entries recorded at the same instant still come back newest first")
    void sameInstantKeepsInsertionOrder(Engine engine) {
        try (StateDatabase db = engine.open()) {
            AuditLog audit = new AuditLog(db.jdbc(), db.clock());
            for (int i = 1; i <= 5; i++) {
                audit.record("ops", "pause", "route " + i, "ok");
            }

            assertThat(audit.latest(5)).extracting(Entry::target)
                    .containsExactly("route 5", "route 4", "route 3", "route 2", "route 1");
        }
    }
}
