package io.omnisync.platform.privacy;

import io.omnisync.platform.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forget customer": purges one customer's personal data, found by email address, from the dead-letter store (the
 * payload goes; route, error class, masked reason and timestamps stay for the record) and from the journal (the
 * payload is masked field by field, and a replay of the entry is refused from then on). Journal entries still
 * waiting to be processed are left alone and counted: run it again once they are done. The audit log names the
 * customer by a keyed hash only.
 */
public class CustomerErasure {

    /** What was purged. */
    public record Result(String subject, int deadLetters, int journalEntries, int pendingSkipped) {
    }

    static final String PURGED = "{\"purged\":\"personal data removed (forget customer)\"}";

    private final JdbcTemplate jdbc;
    private final SubjectKeys keys;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CustomerErasure(JdbcTemplate jdbc, SubjectKeys keys, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Result forget(String email, String actor) {
        String key = keys.keyOf(email);
        String subject = "subject:" + key.substring(0, 12);
        Result result = tx.execute(s -> {
            int letters = jdbc.update("UPDATE dead_letter SET payload = ?, subject_keys = NULL WHERE subject_keys LIKE ?",
                    PURGED, "%," + key + ",%");
            String needle = "%" + email.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            List<Map<String, Object>> entries = jdbc.queryForList("SELECT id, status, payload FROM journal "
                    + "WHERE LOWER(payload) LIKE ? ESCAPE '\\'", needle);
            int purged = 0;
            int pending = 0;
            for (Map<String, Object> e : entries) {
                long id = ((Number) e.get("id")).longValue();
                if ("PENDING".equals(e.get("status"))) {
                    pending++;
                    continue;
                }
                String masked = PersonalData.maskJson((String) e.get("payload"));
                jdbc.update("UPDATE journal SET payload = ? WHERE id = ?", masked, id);
                io.omnisync.platform.jdbc.Rows.insertIfAbsent(jdbc, "INSERT INTO forgotten_journal (journal_id, forgotten_at) "
                        + "VALUES (?, ?)", id, Timestamp.from(clock.instant()));
                purged++;
            }
            return new Result(subject, letters, purged, pending);
        });
        audit.record(actor, "customer.forget", subject, "dead letters " + result.deadLetters() + ", journal entries "
                + result.journalEntries() + (result.pendingSkipped() > 0 ? ", " + result.pendingSkipped()
                + " still pending: run again once processed" : ""));
        return result;
    }

    /** Whether the journal entry's personal data was purged (a replay of it would act on masked data). */
    public boolean forgotten(long journalId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM forgotten_journal WHERE journal_id = ?", Integer.class, journalId);
        return n != null && n > 0;
    }
}
