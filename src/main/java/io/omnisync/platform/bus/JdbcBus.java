package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;
import io.omnisync.platform.jdbc.Rows;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code jdbc} bus: a queue table in the state database. One row per (event, consuming route).
 * {@link #claimNext} must run inside a transaction: it locks the oldest available row of a key whose
 * earlier rows are all done, skipping rows other consumers hold, so several consumers (threads or
 * instances) never take the same row and one entity's events are handled in order.
 */
public class JdbcBus implements BusPublisher {

    /**
     * The oldest messages of a route, in id order: read through index ix_bus_message_window. The ORDER BY names the
     * index's columns: with "ORDER BY id" alone H2 reads and sorts every queued row of the route before the LIMIT, so a
     * claim slows with the backlog.
     */
    static final String WINDOW = """
            SELECT id, message_key, available_at FROM bus_message
            WHERE topic = ? AND group_name = ?
            ORDER BY topic, group_name, id
            LIMIT ?""";

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

    /** Messages read per claim; a consumer locks the first head among them that no other consumer holds. */
    private static final int WINDOW_SIZE = 64;

    /** Heads read when the window holds no free one (a hot key waiting for its retry fills it, say). */
    private static final int HEADS_LIMIT = 16;

    private record Candidate(long id, String key, Timestamp availableAt) {
    }

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

    /** Queues a journalled event again for one consuming route (a replay), not for the topic's other routes. */
    @Override
    public void publishTo(long journalId, Domain domain, String key, String group) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO bus_message (topic, group_name, message_key, journal_id, attempts, available_at, "
                + "created_at) VALUES (?, ?, ?, ?, 0, ?, ?)", domain.topic(), group, key, journalId, now, now);
    }

    /** Registers a route as a consumer of a topic; events journalled from now on are queued for it. */
    public void subscribe(String topic, String group) {
        if (!Rows.exists(jdbc, "SELECT 1 FROM bus_subscription WHERE topic = ? AND group_name = ?", topic, group)) {
            // another instance may subscribe the same route at the same moment; either insert is fine
            Rows.insertIfAbsent(jdbc, "INSERT INTO bus_subscription (topic, group_name, created_at) VALUES (?, ?, ?)",
                    topic, group, Timestamp.from(clock.instant()));
        }
    }

    /**
     * Locks the next deliverable message of this route; call inside a transaction. A message is deliverable
     * when it is the head of its key (no earlier message of that key is queued) and its retry time has come.
     * The oldest {@value #WINDOW_SIZE} messages are read through an index and the first free head among them is
     * locked with {@code FOR UPDATE SKIP LOCKED}, one row at a time (H2 applies a LIMIT before skipping locked
     * rows, so one {@code LIMIT 1 ... SKIP LOCKED} query would find nothing while another consumer works). Only
     * when the window holds no free head is the whole queue searched for heads. A head stays the head until it
     * is deleted, so one key's messages are delivered in order.
     */
    public Optional<BusMessage> claimNext(String topic, String group) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Candidate> window = jdbc.query(WINDOW, (rs, i) -> new Candidate(rs.getLong(1), rs.getString(2),
                rs.getTimestamp(3)), topic, group, WINDOW_SIZE);
        Set<String> keys = new HashSet<>();
        List<Long> heads = new ArrayList<>();
        for (Candidate candidate : window) {
            if (keys.add(candidate.key()) && !candidate.availableAt().after(now)) {
                heads.add(candidate.id());
            }
        }
        Optional<BusMessage> claimed = lockFirst(heads);
        if (claimed.isPresent() || window.size() < WINDOW_SIZE) {
            return claimed;
        }
        return lockFirst(jdbc.queryForList(HEADS, Long.class, topic, group, now, HEADS_LIMIT));
    }

    /**
     * Locks up to {@code max} deliverable messages of this route at once (one head per key, in id order); call inside
     * a transaction. The same window as {@link #claimNext}, read once, and its heads locked with one
     * {@code FOR UPDATE SKIP LOCKED} over their ids (no LIMIT, so H2 skips what another consumer holds instead of
     * finding nothing). A batch holds at most one message per key: the next one of a key is its head only once this
     * one is acknowledged, so acknowledge a batch before claiming the next in the same transaction.
     */
    public List<BusMessage> claimBatch(String topic, String group, int max) {
        if (max <= 1) {
            return claimNext(topic, group).map(List::of).orElse(List.of());
        }
        Timestamp now = Timestamp.from(clock.instant());
        int windowSize = Math.max(WINDOW_SIZE, 2 * max);
        List<Candidate> window = jdbc.query(WINDOW, (rs, i) -> new Candidate(rs.getLong(1), rs.getString(2),
                rs.getTimestamp(3)), topic, group, windowSize);
        Set<String> keys = new HashSet<>();
        List<Long> heads = new ArrayList<>();
        for (Candidate candidate : window) {
            if (keys.add(candidate.key()) && !candidate.availableAt().after(now)) {
                heads.add(candidate.id());
            }
        }
        List<BusMessage> locked = lockFirstChunk(heads, max);
        if (!locked.isEmpty() || window.size() < windowSize) {
            return locked;
        }
        return lockFirstChunk(jdbc.queryForList(HEADS, Long.class, topic, group, now, Math.max(HEADS_LIMIT, max)), max);
    }

    /** Locks the first chunk of up to {@code max} of these ids in which another consumer holds not all. */
    private List<BusMessage> lockFirstChunk(List<Long> ids, int max) {
        for (int from = 0; from < ids.size(); from += max) {
            List<BusMessage> locked = lockAll(ids.subList(from, Math.min(ids.size(), from + max)));
            if (!locked.isEmpty()) {
                return locked;
            }
        }
        return List.of();
    }

    private List<BusMessage> lockAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        List<BusMessage> locked = new ArrayList<>(jdbc.query("SELECT id, topic, group_name, message_key, journal_id, attempts "
                + "FROM bus_message WHERE id IN (" + in + ") FOR UPDATE SKIP LOCKED", (rs, i) -> new BusMessage(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6)), ids.toArray()));
        locked.sort(java.util.Comparator.comparingLong(BusMessage::id));
        return locked;
    }

    private Optional<BusMessage> lockFirst(List<Long> ids) {
        for (long id : ids) {
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

    /** Removes messages whose effects are recorded (or dead-lettered) in the same transaction. */
    public void acknowledgeAll(List<BusMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        String in = String.join(",", java.util.Collections.nCopies(messages.size(), "?"));
        jdbc.update("DELETE FROM bus_message WHERE id IN (" + in + ")", messages.stream().map(BusMessage::id).toArray());
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
