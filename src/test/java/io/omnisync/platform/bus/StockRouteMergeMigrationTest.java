package io.omnisync.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V33 folds route stock-magento-to-channels into stock-magento-ledger. An installation upgraded with work in flight
 * must lose none of the old route's work: what it had not done yet runs once through the merged route, what the
 * ledger route still had queued stays queued once, and nothing waits for a subscription no route will ever consume.
 */
class StockRouteMergeMigrationTest {

    private static final String LEDGER = "stock-magento-ledger";
    private static final String CHANNELS = "stock-magento-to-channels";
    private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-12-04T12:00:00Z"));

    @ParameterizedTest
    @MethodSource("io.omnisync.platform.StateDatabases#engines")
    void upgradeMovesTheOldRoutesUnfinishedWorkToTheMergedRoute(StateDatabases.Engine engine) {
        try (StateDatabase db = engine.openAt("32")) {
            JdbcTemplate jdbc = db.jdbc();
            for (String group : List.of(LEDGER, CHANNELS, "orders-channel-to-magento")) {
                jdbc.update("INSERT INTO bus_subscription (topic, group_name, created_at) VALUES (?, ?, ?)",
                        group.startsWith("orders") ? "orders" : "stock", group, NOW);
            }
            long bothQueued = journal(jdbc, "a");
            long ledgerDone = journal(jdbc, "b");
            long channelsDone = journal(jdbc, "c");
            long channelsDeadLettered = journal(jdbc, "d");
            long bothDone = journal(jdbc, "e");
            queue(jdbc, bothQueued, LEDGER);
            queue(jdbc, bothQueued, CHANNELS);
            done(jdbc, ledgerDone, LEDGER);
            queue(jdbc, ledgerDone, CHANNELS);
            queue(jdbc, channelsDone, LEDGER);
            done(jdbc, channelsDone, CHANNELS);
            done(jdbc, channelsDeadLettered, LEDGER);
            jdbc.update("INSERT INTO dead_letter (route_id, journal_id, source, source_event_id, event_type, entity_key, payload, "
                    + "error_class, reason, attempts, first_failed_at, last_failed_at, status) VALUES (?, ?, 'magento', 'd', "
                    + "'StockChanged', 'OS-1', '{}', 'TRANSIENT', 'eBay answered 503', 5, ?, ?, 'OPEN')",
                    CHANNELS, channelsDeadLettered, NOW, NOW);
            done(jdbc, bothDone, LEDGER);
            done(jdbc, bothDone, CHANNELS);

            StateDatabases.migrate(db);

            assertThat(jdbc.queryForList("SELECT group_name FROM bus_subscription WHERE topic = 'stock'", String.class))
                    .containsExactly(LEDGER);
            assertThat(jdbc.queryForList("SELECT journal_id FROM bus_message WHERE group_name = ? ORDER BY id", Long.class, LEDGER))
                    .as("queued once each for the merged route, in their original order")
                    .containsExactly(bothQueued, ledgerDone, channelsDone);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bus_message WHERE group_name = ?", Long.class, CHANNELS)).isZero();
            assertThat(jdbc.queryForList("SELECT idem_key FROM idempotency_key WHERE scope = ? ORDER BY idem_key", String.class,
                    "route:" + LEDGER)).as("the merged route runs again what the old route had left")
                    .containsExactly(String.valueOf(bothDone));
            assertThat(jdbc.query("SELECT route_id, journal_id, status FROM dead_letter",
                    (rs, i) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3)))
                    .containsExactly(LEDGER + " " + channelsDeadLettered + " OPEN");
            assertThat(jdbc.query("SELECT mode, status, requested_by FROM reconciliation_run",
                    (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)))
                    .as("one repair for what the Kafka bus's old consumer group had not read")
                    .containsExactly("REPAIR QUEUED upgrade:V33");
        }
    }

    @ParameterizedTest
    @MethodSource("io.omnisync.platform.StateDatabases#engines")
    void aNewInstallationGetsNoRepairRun(StateDatabases.Engine engine) {
        try (StateDatabase db = engine.open()) {
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM reconciliation_run", Long.class)).isZero();
        }
    }

    private static long journal(JdbcTemplate jdbc, String eventId) {
        jdbc.update("INSERT INTO journal (source, source_event_id, event_type, domain, entity_key, payload, received_at, status) "
                + "VALUES ('magento', ?, 'StockChanged', 'stock', 'OS-1', '{}', ?, 'PENDING')", eventId, NOW);
        return jdbc.queryForObject("SELECT id FROM journal WHERE source_event_id = ?", Long.class, eventId);
    }

    private static void queue(JdbcTemplate jdbc, long journalId, String group) {
        jdbc.update("INSERT INTO bus_message (topic, group_name, message_key, journal_id, attempts, available_at, created_at) "
                + "VALUES ('stock', ?, 'OS-1', ?, 0, ?, ?)", group, journalId, NOW, NOW);
    }

    private static void done(JdbcTemplate jdbc, long journalId, String group) {
        jdbc.update("INSERT INTO idempotency_key (scope, idem_key, created_at, expires_at) VALUES (?, ?, ?, ?)",
                "route:" + group, String.valueOf(journalId), NOW, NOW);
    }
}
