package io.omnisync.platform.checkpoint;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Durable poll cursors: a poller advances its cursor only after the page it read is journalled. */
public class Checkpoints {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Checkpoints(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The stored cursor of (poller, scope), if it ever advanced. */
    public Optional<String> read(String poller, String scope) {
        return jdbc.query("SELECT cursor_value FROM poll_checkpoint WHERE poller = ? AND scope = ?",
                (rs, i) -> rs.getString(1), poller, scope).stream().findFirst();
    }

    /** Stores the cursor, creating the checkpoint on first use. */
    public void advance(String poller, String scope, String cursor) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE poll_checkpoint SET cursor_value = ?, updated_at = ? WHERE poller = ? AND scope = ?",
                cursor, now, poller, scope);
        if (updated == 0) {
            jdbc.update("INSERT INTO poll_checkpoint (poller, scope, cursor_value, updated_at) VALUES (?, ?, ?, ?)",
                    poller, scope, cursor, now);
        }
    }
}
