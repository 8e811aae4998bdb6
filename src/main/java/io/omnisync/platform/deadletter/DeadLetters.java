package io.omnisync.platform.deadletter;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.journal.JournalEntry;
import io.omnisync.platform.privacy.PersonalData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The dead-letter store. Payloads are kept with personal data masked; the journal keeps the original for replay. */
public class DeadLetters {

    public static final String OPEN = "OPEN";
    /** Queued again by an operator; if it fails again, a new dead letter is written. */
    public static final String REPLAYED = "REPLAYED";
    /** Given up by an admin. */
    public static final String DISCARDED = "DISCARDED";

    /** Filters of {@link #search}; null fields match everything. */
    public record Filter(String status, String routeId, String source, ErrorClass errorClass, String entityKey) {
    }

    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getLong("id"), rs.getString("route_id"),
            (Long) rs.getObject("journal_id", Long.class), rs.getString("source"), rs.getString("source_event_id"),
            rs.getString("event_type"), rs.getString("entity_key"), rs.getString("payload"),
            ErrorClass.valueOf(rs.getString("error_class")), rs.getString("reason"), rs.getInt("attempts"),
            rs.getTimestamp("first_failed_at").toInstant(), rs.getTimestamp("last_failed_at").toInstant(),
            rs.getString("status"));

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final io.omnisync.platform.privacy.SubjectKeys subjects;

    public DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.subjects = new io.omnisync.platform.privacy.SubjectKeys(jdbc);
    }

    /** Stores a journalled event a route gave up on. */
    public void record(String routeId, JournalEntry entry, ErrorClass errorClass, String reason, int attempts,
                       Instant firstFailedAt) {
        jdbc.update("INSERT INTO dead_letter (route_id, journal_id, source, source_event_id, event_type, entity_key, "
                + "payload, error_class, reason, attempts, first_failed_at, last_failed_at, status, subject_keys) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                routeId, entry.id(), entry.source(), entry.sourceEventId(), entry.eventType(), entry.entityKey(),
                PersonalData.maskJson(entry.payload()), errorClass.name(), PersonalData.mask(reason), attempts,
                Timestamp.from(firstFailedAt), Timestamp.from(clock.instant()), OPEN,
                subjects.keysOf(entry.payload() + " " + reason));
    }

    /**
     * Stores something read from a system that never became a journalled event (a polled record no mapping could
     * turn into a canonical event), with its raw payload, masked.
     */
    public void recordUnjournalled(String routeId, String source, String sourceEventId, String eventType,
                                   String entityKey, String payload, ErrorClass errorClass, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO dead_letter (route_id, journal_id, source, source_event_id, event_type, entity_key, "
                + "payload, error_class, reason, attempts, first_failed_at, last_failed_at, status, subject_keys) "
                + "VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                routeId, source, sourceEventId, eventType, entityKey, PersonalData.maskJson(payload), errorClass.name(),
                PersonalData.mask(reason), now, now, OPEN, subjects.keysOf(payload + " " + reason));
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT * FROM dead_letter WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Dead letters in a status, newest first. */
    public List<DeadLetter> list(String status, int limit) {
        return jdbc.query("SELECT * FROM dead_letter WHERE status = ? ORDER BY id DESC LIMIT ?", ROW, status, limit);
    }

    /** Dead letters matching the filter, newest first. */
    public List<DeadLetter> search(Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM dead_letter WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        condition(sql, args, "status", filter.status());
        condition(sql, args, "route_id", filter.routeId());
        condition(sql, args, "source", filter.source());
        condition(sql, args, "error_class", filter.errorClass() == null ? null : filter.errorClass().name());
        condition(sql, args, "entity_key", filter.entityKey());
        args.add(limit);
        return jdbc.query(sql.append(" ORDER BY id DESC LIMIT ?").toString(), ROW, args.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /** Moves an open dead letter to a new status; false when it was not open (already replayed or discarded). */
    public boolean close(long id, String status) {
        return jdbc.update("UPDATE dead_letter SET status = ? WHERE id = ? AND status = ?", status, id, OPEN) == 1;
    }

    /** How many dead letters are open, for the metric. */
    public long countOpen() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE status = ?", Long.class, OPEN);
        return n == null ? 0 : n;
    }
}
