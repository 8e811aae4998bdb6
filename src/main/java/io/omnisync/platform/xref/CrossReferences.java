package io.omnisync.platform.xref;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which id an entity has in another system, e.g. Amazon order 123-456 is Magento order 000000042.
 * One source id maps to at most one target id per target system; {@link #link} refuses a second one.
 */
public class CrossReferences {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CrossReferences(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the link; true if new, false if the same link existed.
     *
     * @throws IllegalStateException if the source id is already linked to a different target id
     */
    public boolean link(String entityType, String sourceSystem, String sourceId, String targetSystem, String targetId) {
        Optional<String> existing = find(entityType, sourceSystem, sourceId, targetSystem);
        if (existing.isPresent()) {
            if (existing.get().equals(targetId)) {
                return false;
            }
            throw new IllegalStateException(entityType + " " + sourceSystem + ":" + sourceId + " is already linked to "
                    + targetSystem + ":" + existing.get() + ", not " + targetId);
        }
        jdbc.update("INSERT INTO cross_reference (entity_type, source_system, source_id, target_system, target_id, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?)", entityType, sourceSystem, sourceId, targetSystem, targetId,
                Timestamp.from(clock.instant()));
        return true;
    }

    /** The target system's id for this source id. */
    public Optional<String> find(String entityType, String sourceSystem, String sourceId, String targetSystem) {
        return jdbc.query("SELECT target_id FROM cross_reference WHERE entity_type = ? AND source_system = ? "
                + "AND source_id = ? AND target_system = ?", (rs, i) -> rs.getString(1),
                entityType, sourceSystem, sourceId, targetSystem).stream().findFirst();
    }

    /** The source id that maps to this target id (the reverse look-up). */
    public Optional<String> findSource(String entityType, String sourceSystem, String targetSystem, String targetId) {
        return jdbc.query("SELECT source_id FROM cross_reference WHERE entity_type = ? AND source_system = ? "
                + "AND target_system = ? AND target_id = ?", (rs, i) -> rs.getString(1),
                entityType, sourceSystem, targetSystem, targetId).stream().findFirst();
    }

    /** The source system and id that map to this target id, whichever system it is (e.g. the channel of an order). */
    public Optional<Map.Entry<String, String>> findAnySource(String entityType, String targetSystem, String targetId) {
        return jdbc.query("SELECT source_system, source_id FROM cross_reference WHERE entity_type = ? "
                + "AND target_system = ? AND target_id = ?", (rs, i) -> Map.entry(rs.getString(1), rs.getString(2)),
                entityType, targetSystem, targetId).stream().findFirst();
    }
}
