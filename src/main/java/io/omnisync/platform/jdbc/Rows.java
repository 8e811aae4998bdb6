package io.omnisync.platform.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Row checks for the repositories. {@link #insertIfAbsent}: an INSERT that may lose a race on a unique key
 * without harming the caller's transaction. On PostgreSQL a
 * failed statement aborts the whole transaction, so inside a transaction the INSERT runs under a savepoint and
 * a unique violation (SQLSTATE 23505, on H2 and PostgreSQL) rolls back to it.
 */
public final class Rows {

    private static final String UNIQUE_VIOLATION = "23505";

    private Rows() {
    }

    /** True if the query (a {@code SELECT 1 ... WHERE ...}) finds a row. */
    public static boolean exists(JdbcTemplate jdbc, String sql, Object... args) {
        Boolean found = jdbc.query(sql, (ResultSetExtractor<Boolean>) ResultSet::next, args);
        return Boolean.TRUE.equals(found);
    }

    /** Runs the INSERT; false if a row with the same unique key exists (or was committed concurrently). */
    public static boolean insertIfAbsent(JdbcTemplate jdbc, String sql, Object... args) {
        Boolean inserted = jdbc.execute((ConnectionCallback<Boolean>) connection -> insert(connection, sql, args));
        return Boolean.TRUE.equals(inserted);
    }

    private static boolean insert(Connection connection, String sql, Object[] args) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            // undo just this insert, so the transaction stays usable (PostgreSQL aborts it otherwise)
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            return false;
        }
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
        }
        return true;
    }
}
