package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;
import io.omnisync.platform.jdbc.Inserts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code jdbc} bus: a queue table in the state database. One row per (event, consuming route).
 * {@link #claimNext} must run inside a transaction: it locks the oldest available row of a key whose
 * earlier rows are all done, skipping rows other consumers hold, so several consumers (threads or
 * instances) never take the same row and one entity's events are handled in order.
 */
public class JdbcBus implements BusPublisher {

    /** The oldest deliverable message of each key: no earlier message of the same key is still queued. */
    private static final String HEADS = """
            SELECT m.id FROM bus_message m
            WHERE m.topic = ? AND m.group_name = ? AND m.available_at <= ?
              AND NOT EXISTS (SELECT 1 FROM bus_message p WHERE p.topic = m.topic AND p.group_name = m.group_name
                              AND p.message_key = m.message_key AND p.id < m.id)
            ORDER BY m.id
            LIMIT ?""";

    /** Locks one candidate unless another consumer holds it (or has already finished it). */
    private static final String LOCK = """
            SELECT id, topic, group_name, message_key, journal_id, attempts FROM bus_message
            WHERE id = ? FOR UPDATE SKIP LOCKED""";

    /** Candidates read per claim; a consumer locks the first one no other consumer holds. */
    private static final int CANDIDATES = 16;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcBus(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public int publish(long journalId, Domain domain, String key) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("INSERT INTO bus_message (topic, group_name, message_key, journal_id, attempts, "
                + "available_at, created_at) SELECT topic, group_name, ?, ?, 0, ?, ? FROM bus_subscription WHERE topic = ?",
                key, journalId, now, now, domain.topic());
    }

    /** Registers a route as a consumer of a topic; events journalled from now on are queued for it. */
    public void subscribe(String topic, String group) {
        Integer known = jdbc.query("SELECT 1 FROM bus_subscription WHERE topic = ? AND group_name = ?",
                rs -> rs.next() ? 1 : null, topic, group);
        if (known == null) {
            // another instance may subscribe the same route at the same moment; either insert is fine
            Inserts.ifAbsent(jdbc, "INSERT INTO bus_subscription (topic, group_name, created_at) VALUES (?, ?, ?)",
                    topic, group, Timestamp.from(clock.instant()));
        }
    }

    /**
     * Locks the next deliverable message of this route; call inside a transaction. Reads the heads of the
     * oldest keys, then locks the first that no other consumer holds. (One {@code LIMIT 1 FOR UPDATE SKIP LOCKED}
     * query is not enough: H2 applies the limit before skipping locked rows, so a second consumer would find
     * nothing while the first works.) A head stays the head until it is deleted, so per-key order holds.
     */
    public Optional<BusMessage> claimNext(String topic, String group) {
        List<Long> heads = jdbc.queryForList(HEADS, Long.class, topic, group, Timestamp.from(clock.instant()), CANDIDATES);
        for (long id : heads) {
            List<BusMessage> locked = jdbc.query(LOCK, (rs, i) -> new BusMessage(rs.getLong(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6)), id);
            if (!locked.isEmpty()) {
                return Optional.of(locked.get(0));
            }
        }
        return Optional.empty();
    }

    /** Removes a message whose effect is recorded (or dead-lettered) in the same transaction. */
    public void acknowledge(BusMessage message) {
        jdbc.update("DELETE FROM bus_message WHERE id = ?", message.id());
    }

    /** Puts a message back for another attempt after {@code availableAt}. */
    public void retryLater(BusMessage message, Instant availableAt, String error) {
        jdbc.update("UPDATE bus_message SET attempts = attempts + 1, available_at = ?, last_error = ? WHERE id = ?",
                Timestamp.from(availableAt), truncate(error, 1000), message.id());
    }

    /** Messages waiting on the bus, for all routes together. */
    public long depth() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM bus_message", Long.class);
        return n == null ? 0 : n;
    }

    static String truncate(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
