package io.omnisync.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges read from the state database: journal depth, age of the oldest unprocessed event, bus depth and
 * open dead letters. One query round per scrape at most every two seconds, however many gauges are read.
 */
public class StateGauges {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, 0, 0, 0, 0);

    private record Snapshot(Instant readAt, long journalDepth, double oldestAgeSeconds, long busDepth, long deadLetters) {
    }

    public StateGauges(JdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("omnisync.journal.depth", this, g -> g.current().journalDepth())
                .description("Journalled events not yet processed by every route").register(registry);
        Gauge.builder("omnisync.journal.oldest.age", this, g -> g.current().oldestAgeSeconds())
                .description("Age of the oldest unprocessed journalled event").baseUnit("seconds").register(registry);
        Gauge.builder("omnisync.bus.depth", this, g -> g.current().busDepth())
                .description("Messages queued on the jdbc bus for all routes, or events the kafka bus has not yet published").register(registry);
        Gauge.builder("omnisync.deadletters.open", this, g -> g.current().deadLetters())
                .description("Dead letters waiting for an operator").register(registry);
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        Instant now = clock.instant();
        if (Duration.between(last.readAt(), now).compareTo(MAX_STALENESS) < 0) {
            return last;
        }
        try {
            Long depth = jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE status = 'PENDING'", Long.class);
            Timestamp oldest = jdbc.queryForObject("SELECT MIN(received_at) FROM journal WHERE status = 'PENDING'",
                    Timestamp.class);
            Long bus = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM bus_message) + (SELECT COUNT(*) FROM bus_outbox)",
                    Long.class);
            Long dead = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE status = 'OPEN'", Long.class);
            double age = oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toMillis() / 1000.0;
            snapshot = new Snapshot(now, depth == null ? 0 : depth, Math.max(0, age), bus == null ? 0 : bus,
                    dead == null ? 0 : dead);
        } catch (RuntimeException databaseDown) {
            // keep the last values; the db health indicator reports the outage
            return last;
        }
        return snapshot;
    }
}
