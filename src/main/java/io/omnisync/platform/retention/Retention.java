package io.omnisync.platform.retention;

import io.omnisync.platform.config.PlatformProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes state past its retention (omnisync.retention.*): finished journal entries (which are also the
 * ingress dedupe keys, so their retention is at least the longest sender retry window), expired idempotency
 * keys, closed dead letters and old audit entries. Open dead letters, the journal entries they replay from and
 * unfinished events are never deleted.
 */
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PlatformProperties.Retention settings;

    public Retention(JdbcTemplate jdbc, Clock clock, PlatformProperties.Retention settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** Runs every hour; returns how many rows went. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public int purge() {
        Instant now = clock.instant();
        int journal = jdbc.update("DELETE FROM journal WHERE status <> 'PENDING' AND received_at < ? "
                + "AND NOT EXISTS (SELECT 1 FROM bus_message m WHERE m.journal_id = journal.id) "
                + "AND NOT EXISTS (SELECT 1 FROM bus_outbox o WHERE o.journal_id = journal.id) "
                + "AND NOT EXISTS (SELECT 1 FROM dead_letter d WHERE d.journal_id = journal.id AND d.status = 'OPEN')",
                Timestamp.from(now.minus(settings.getJournal())));
        int keys = jdbc.update("DELETE FROM idempotency_key WHERE expires_at < ?", Timestamp.from(now));
        int dead = jdbc.update("DELETE FROM dead_letter WHERE status <> 'OPEN' AND last_failed_at < ?",
                Timestamp.from(now.minus(settings.getDeadLetters())));
        int audit = jdbc.update("DELETE FROM audit_log WHERE at < ?", Timestamp.from(now.minus(settings.getAuditLog())));
        int total = journal + keys + dead + audit;
        if (total > 0) {
            LOG.info("retention removed {} journal entries, {} idempotency keys, {} closed dead letters, {} audit entries",
                    journal, keys, dead, audit);
        }
        return total;
    }
}
