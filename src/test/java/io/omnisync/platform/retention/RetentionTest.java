package io.omnisync.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.bus.JdbcBus;
import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Retention removes only what is finished and past its time, on H2 and PostgreSQL. */
class RetentionTest {

    @OnBothDatabases
    void shouldPurgeOnlyFinishedStatePastItsRetention(Engine engine) {
        try (StateDatabase db = engine.open()) {
            PlatformProperties.Retention settings = new PlatformProperties().getRetention(); // 7d, 7d, 30d, 365d
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "route-a");
            Journal journal = new Journal(db.jdbc(), db.tx(), JsonMapper.builder().findAndAddModules().build(), bus, db.clock());
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), settings.getIdempotencyKeys());
            DeadLetters deadLetters = new DeadLetters(db.jdbc(), db.clock());
            AuditLog audit = new AuditLog(db.jdbc(), db.clock());

            long processed = append(journal, db, "old-processed");
            long failed = append(journal, db, "old-failed");
            long stillQueued = append(journal, db, "old-queued");
            db.jdbc().update("DELETE FROM bus_message WHERE journal_id IN (?, ?)", processed, failed);
            journal.completeIfLast(processed);
            journal.markFailed(failed);
            keys.claim("route:route-a", "old");
            deadLetters.record("route-a", journal.find(failed).orElseThrow(), ErrorClass.VALUE, "bad", 1, db.clock().instant());
            deadLetters.record("route-a", journal.find(failed).orElseThrow(), ErrorClass.VALUE, "bad", 1, db.clock().instant());
            db.jdbc().update("UPDATE dead_letter SET status = 'DISCARDED' WHERE id = (SELECT MIN(id) FROM dead_letter)");
            audit.record("ops", "discard", "dead-letter 1", "ok");

            db.clock().advance(Duration.ofDays(40));
            long fresh = append(journal, db, "fresh");
            db.jdbc().update("DELETE FROM bus_message WHERE journal_id = ?", fresh);
            journal.completeIfLast(fresh);
            keys.claim("route:route-a", "fresh");

            int removed = new Retention(db.jdbc(), db.clock(), settings).purge();

            assertThat(db.jdbc().queryForList("SELECT id FROM journal ORDER BY id", Long.class))
                    .as("finished and old entries go; queued, fresh and dead-lettered ones stay")
                    .containsExactly(failed, stillQueued, fresh);
            assertThat(keys.seen("route:route-a", "old")).isFalse();
            assertThat(keys.seen("route:route-a", "fresh")).isTrue();
            assertThat(db.jdbc().queryForList("SELECT status FROM dead_letter", String.class))
                    .as("open dead letters are never purged").containsExactly(DeadLetters.OPEN);
            assertThat(db.count("audit_log")).as("an audit entry is kept a year").isEqualTo(1);
            assertThat(removed).isEqualTo(3);
        }
    }

    private static long append(Journal journal, StateDatabase db, String id) {
        StockChanged event = new StockChanged("OS-" + id, "us_warehouse", BigDecimal.ONE, true, 1, db.clock().instant());
        return journal.append("magento", List.of(new SourcedEvent(id, event))).journalIds().get(0);
    }
}
