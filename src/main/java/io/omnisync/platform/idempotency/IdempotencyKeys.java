package io.omnisync.platform.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.omnisync.platform.jdbc.Rows;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keys of effects that must happen once. {@link #claim} inside the transaction that performs the effect:
 * it returns false when the key was already recorded, so the effect is skipped.
 */
public class IdempotencyKeys {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyKeys(JdbcTemplate jdbc, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** Records (scope, key); false if it is recorded already (expired keys count until they are purged). */
    public boolean claim(String scope, String key) {
        if (seen(scope, key)) {
            return false;
        }
        Instant now = clock.instant();
        return Rows.insertIfAbsent(jdbc, "INSERT INTO idempotency_key (scope, idem_key, created_at, expires_at) VALUES (?, ?, ?, ?)",
                scope, key, Timestamp.from(now), Timestamp.from(now.plus(retention)));
    }

    /**
     * {@link #claim} in one statement, for a caller that holds a savepoint of its own: a plain INSERT, false on a
     * unique violation. On PostgreSQL the violation leaves the transaction aborted, so the caller must roll back to its
     * savepoint when this returns false (a concurrent uncommitted claim of the same key makes the INSERT wait for it).
     */
    public boolean claimUnderSavepoint(String scope, String key) {
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO idempotency_key (scope, idem_key, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    scope, key, Timestamp.from(now), Timestamp.from(now.plus(retention)));
            return true;
        } catch (org.springframework.dao.DuplicateKeyException recorded) {
            return false;
        }
    }

    /**
     * {@link #claim} that waits for a transaction holding the same uncommitted claim to finish: PostgreSQL makes the
     * insert wait and then reports the duplicate; H2 reports a lock timeout or "concurrent update" instead, so the
     * claim is tried again, up to {@code attempts} times, before the transient failure is passed on (the bus then
     * retries the delivery later).
     */
    public boolean claimWaiting(String scope, String key, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return claim(scope, key);
            } catch (org.springframework.dao.TransientDataAccessException busy) {
                if (attempt >= attempts) {
                    throw busy;
                }
            }
        }
    }

    /** Which of these keys of a scope are recorded (one query). */
    public java.util.Set<String> seenAll(String scope, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.List<Object> args = new java.util.ArrayList<>(2 * keys.size());
        for (String key : keys) {
            args.add(scope);
            args.add(key);
        }
        return new java.util.HashSet<>(jdbc.queryForList(seenAllSql(keys.size()), String.class, args.toArray()));
    }

    /**
     * {@link #seenAll}'s query for n keys, parameters (scope, key) per key: a point lookup per key on the primary key.
     * "scope = ? AND idem_key IN (...)" would make H2 walk every key of the scope and test the list on each row, so it
     * would slow with every key recorded.
     */
    static String seenAllSql(int keys) {
        return "SELECT idem_key FROM idempotency_key WHERE (scope, idem_key) IN ("
                + String.join(",", java.util.Collections.nCopies(keys, "(?, ?)")) + ")";
    }

    /**
     * Records keys known not to be recorded ({@link #seenAll} in the same transaction, by a caller that alone can
     * claim them): one batched INSERT. A key claimed concurrently after all fails the statement, and so the caller's
     * transaction.
     */
    public void recordAll(String scope, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Timestamp created = Timestamp.from(now);
        Timestamp expires = Timestamp.from(now.plus(retention));
        jdbc.batchUpdate("INSERT INTO idempotency_key (scope, idem_key, created_at, expires_at) VALUES (?, ?, ?, ?)",
                keys.stream().map(k -> new Object[] {scope, k, created, expires}).toList());
    }

    /** True if (scope, key) is recorded. */
    public boolean seen(String scope, String key) {
        return Rows.exists(jdbc, "SELECT 1 FROM idempotency_key WHERE scope = ? AND idem_key = ?", scope, key);
    }

    /** Deletes expired keys; returns how many. */
    public int purgeExpired() {
        return jdbc.update("DELETE FROM idempotency_key WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }

    /** How many keys a scope holds (for operators and tests). */
    public long count(String scope) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE scope = ?", Long.class, scope);
        return n == null ? 0 : n;
    }
}
