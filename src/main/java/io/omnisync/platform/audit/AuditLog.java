package io.omnisync.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who did what to which target, when, and with which result. Written for every admin action. */
public class AuditLog {

    /** One audit row. */
    public record Entry(String actor, String action, String target, String result, java.time.Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String result) {
        jdbc.update("INSERT INTO audit_log (actor, action, target, result, at) VALUES (?, ?, ?, ?, ?)",
                actor, action, target, result, Timestamp.from(clock.instant()));
    }

    /** The newest entries first. */
    public List<Entry> latest(int limit) {
        return jdbc.query("SELECT actor, action, target, result, at FROM audit_log ORDER BY id DESC LIMIT ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), limit);
    }
}
