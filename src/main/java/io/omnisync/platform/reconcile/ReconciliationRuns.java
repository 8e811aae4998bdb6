package io.omnisync.platform.reconcile;

import io.omnisync.platform.jdbc.Rows;
import io.omnisync.platform.reconcile.ReconciliationProperties.Mode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reconciliation runs in the state database: requested (QUEUED) by the admin API or the schedule on any instance,
 * taken by the leader, with their progress, checkpoint, per-account counts and drifted SKUs.
 */
public class ReconciliationRuns {

    /** Where a run is. */
    public enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** One run, with its progress worked out: ratio done, SKUs per second since it started, time left. */
    public record Run(long id, Mode mode, Status status, String requestedBy, String channel, String account,
                      Instant requestedAt, Instant startedAt, Instant heartbeatAt, Instant finishedAt, long total,
                      long done, long afterEntityId, String failure, Double progress, Double skusPerSecond,
                      Long etaSeconds) {

        public boolean active() {
            return status == Status.QUEUED || status == Status.RUNNING;
        }
    }

    /** A run's counts for one bound account. */
    public record AccountCounts(String channel, String account, long checked, long drifted, long pushed, long notListed,
                                long refused) {
    }

    /** A drifted SKU: Magento's quantity, what the binding should show, what the channel lists (null: not listed). */
    public record Drift(String channel, String account, String sku, BigDecimal magento, BigDecimal expected,
                        BigDecimal listed, String outcome, String detail) {
    }

    private static final String RUN_COLUMNS = "id, mode, status, requested_by, channel, account, requested_at, started_at, "
            + "heartbeat_at, finished_at, total_skus, done_skus, after_entity_id, failure";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReconciliationRuns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Queues a run unless one is queued or running (there is one catalogue walk at a time). Two requests at the same
     * moment (two operators, the schedule on two instances) cannot both queue one: the active run holds the unique
     * {@code active} key, so the second insert waits for the first to commit, loses, and is answered with that run.
     *
     * @return the new run, or the active one when there is one (check {@link Run#id()} against what you expect)
     */
    @Transactional
    public Requested request(Mode mode, String requestedBy, String channel, String account) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Run> active = active();
            if (active.isPresent()) {
                return new Requested(active.get(), false);
            }
            if (Rows.insertIfAbsent(jdbc, "INSERT INTO reconciliation_run (mode, status, requested_by, "
                    + "channel, account, requested_at, active) VALUES (?, 'QUEUED', ?, ?, ?, ?, 1)", mode.name(), requestedBy,
                    channel, account, now())) {
                return new Requested(active().orElseThrow(), true);
            }
            // another request queued one since we looked: answer with it (unless it ended meanwhile; then look again)
        }
        throw new IllegalStateException("reconciliation runs are being queued and ended faster than this request could "
                + "queue one or read the active one; request again");
    }

    /** The outcome of {@link #request}: the run and whether it is the one just queued. */
    public record Requested(Run run, boolean queued) {
    }

    /** The queued or running run, if any. */
    public Optional<Run> active() {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE status IN ('QUEUED', 'RUNNING') "
                + "ORDER BY id LIMIT 1", this::run).stream().findFirst();
    }

    /** The run to work on: a queued one, or a running one whose instance stopped beating before {@code stalledBefore}. */
    public Optional<Run> next(Instant stalledBefore) {
        return active().filter(r -> r.status() == Status.QUEUED || r.heartbeatAt() == null
                || r.heartbeatAt().isBefore(stalledBefore));
    }

    /** When the schedule last asked for a run. */
    public Optional<Instant> lastScheduled() {
        return jdbc.query("SELECT MAX(requested_at) FROM reconciliation_run WHERE requested_by = 'schedule'",
                (rs, i) -> instant(rs, 1)).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Marks the run RUNNING with the total it covers (kept when it is resumed). */
    public void start(long id, long total) {
        jdbc.update("UPDATE reconciliation_run SET status = 'RUNNING', started_at = COALESCE(started_at, ?), heartbeat_at = ?, "
                + "total_skus = CASE WHEN total_skus = 0 THEN ? ELSE total_skus END, failure = NULL WHERE id = ?",
                now(), now(), total, id);
    }

    /**
     * Records a finished page: SKUs done and the last entity id, and beats the heart.
     *
     * @return false when the run was cancelled meanwhile (stop working on it)
     */
    public boolean progress(long id, long done, long afterEntityId) {
        return jdbc.update("UPDATE reconciliation_run SET done_skus = ?, after_entity_id = ?, heartbeat_at = ? "
                + "WHERE id = ? AND status = 'RUNNING'", done, afterEntityId, now(), id) == 1;
    }

    /** Ends a run (DONE or FAILED, with the reason); a cancelled run stays cancelled. */
    public void finish(long id, Status status, String failure) {
        jdbc.update("UPDATE reconciliation_run SET status = ?, finished_at = ?, failure = ?, active = NULL WHERE id = ? "
                + "AND status = 'RUNNING'",
                status.name(), now(), failure == null ? null : failure.substring(0, Math.min(1000, failure.length())), id);
    }

    /** Notes a transient failure and leaves the run RUNNING without a fresh heartbeat, so it is resumed later. */
    public void interrupted(long id, String failure) {
        jdbc.update("UPDATE reconciliation_run SET failure = ? WHERE id = ?",
                failure.substring(0, Math.min(1000, failure.length())), id);
    }

    /** Hands a running run back (its instance is shutting down): no heartbeat, so the leader resumes it at once. */
    public void release(long id) {
        jdbc.update("UPDATE reconciliation_run SET heartbeat_at = NULL WHERE id = ? AND status = 'RUNNING'", id);
    }

    /** Cancels a queued or running run; answers whether it was active. */
    public boolean cancel(long id) {
        return jdbc.update("UPDATE reconciliation_run SET status = 'CANCELLED', finished_at = ?, active = NULL WHERE id = ? "
                + "AND status IN ('QUEUED', 'RUNNING')", now(), id) == 1;
    }

    /** Adds a page's counts to the run's counts of one account. */
    @Transactional
    public void count(long runId, AccountCounts add) {
        int updated = jdbc.update("UPDATE reconciliation_account SET checked = checked + ?, drifted = drifted + ?, "
                + "pushed = pushed + ?, not_listed = not_listed + ?, refused = refused + ? WHERE run_id = ? AND channel = ? "
                + "AND account = ?", add.checked(), add.drifted(), add.pushed(), add.notListed(), add.refused(), runId,
                add.channel(), add.account());
        if (updated == 0) {
            jdbc.update("INSERT INTO reconciliation_account (run_id, channel, account, checked, drifted, pushed, not_listed, "
                    + "refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", runId, add.channel(), add.account(), add.checked(),
                    add.drifted(), add.pushed(), add.notListed(), add.refused());
        }
    }

    /** Stores drifted SKUs; a SKU already stored for the run and account keeps its first row (a resumed page). */
    public void drift(long runId, List<Drift> drift) {
        for (Drift d : drift) {
            Rows.insertIfAbsent(jdbc, "INSERT INTO reconciliation_drift (run_id, channel, account, sku, "
                    + "magento, expected, listed, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", runId, d.channel(),
                    d.account(), d.sku(), d.magento(), d.expected(), d.listed(), d.outcome(),
                    d.detail() == null ? null : d.detail().substring(0, Math.min(500, d.detail().length())));
        }
    }

    /** Drifted SKUs stored for a run so far. */
    public long driftRows(long runId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_drift WHERE run_id = ?", Long.class, runId);
        return n == null ? 0 : n;
    }

    public Optional<Run> find(long id) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE id = ?", this::run, id).stream().findFirst();
    }

    /** The newest runs first. */
    public List<Run> latest(int limit) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM reconciliation_run ORDER BY id DESC LIMIT ?", this::run, limit);
    }

    /** The newest finished run that compared the channels (REPORT or REPAIR), if any. */
    public Optional<Run> lastCompared() {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE status = 'DONE' AND mode IN ('REPORT', "
                + "'REPAIR') ORDER BY id DESC LIMIT 1", this::run).stream().findFirst();
    }

    public List<AccountCounts> accounts(long runId) {
        return jdbc.query("SELECT channel, account, checked, drifted, pushed, not_listed, refused FROM reconciliation_account "
                + "WHERE run_id = ? ORDER BY channel, account", (rs, i) -> new AccountCounts(rs.getString(1), rs.getString(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)), runId);
    }

    /** A run's drifted SKUs, optionally of one channel and account, by SKU. */
    public List<Drift> drift(long runId, String channel, String account, int limit) {
        StringBuilder sql = new StringBuilder("SELECT channel, account, sku, magento, expected, listed, outcome, detail "
                + "FROM reconciliation_drift WHERE run_id = ?");
        List<Object> args = new ArrayList<>(List.of(runId));
        if (channel != null && !channel.isBlank()) {
            sql.append(" AND channel = ?");
            args.add(channel);
        }
        if (account != null && !account.isBlank()) {
            sql.append(" AND account = ?");
            args.add(account);
        }
        sql.append(" ORDER BY channel, account, sku LIMIT ?");
        args.add(limit);
        RowMapper<Drift> drift = (rs, i) -> new Drift(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8));
        return jdbc.query(sql.toString(), drift, args.toArray());
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        Status status = Status.valueOf(rs.getString(3));
        Instant started = instant(rs, 8);
        Instant beat = instant(rs, 9);
        Instant finished = instant(rs, 10);
        long total = rs.getLong(11);
        long done = rs.getLong(12);
        Double progress = total == 0 ? null : Math.min(1.0, (double) done / total);
        Double rate = null;
        Long eta = null;
        if (started != null && done > 0) {
            Instant until = finished != null ? finished : (beat != null ? beat : Instant.now(clock));
            double seconds = Math.max(0.001, Duration.between(started, until).toMillis() / 1000.0);
            rate = Math.round(done / seconds * 10) / 10.0;
            eta = status == Status.RUNNING ? Math.round(Math.max(0, total - done) / Math.max(0.001, done / seconds)) : null;
        }
        return new Run(rs.getLong(1), Mode.valueOf(rs.getString(2)), status, rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), started, beat, finished, total, done, rs.getLong(13), rs.getString(14),
                progress, rate, eta);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
