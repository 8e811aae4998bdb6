package io.omnisync.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One freshly migrated, empty state database for one test, with the pieces the repositories take.
 * Closing it closes the pool and removes the database.
 */
public final class StateDatabase implements AutoCloseable {

    private final StateDatabases.Engine engine;
    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TestClock clock = new TestClock();
    private final Runnable dropper;

    StateDatabase(StateDatabases.Engine engine, HikariDataSource dataSource, Runnable dropper) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dropper = dropper;
    }

    public StateDatabases.Engine engine() {
        return engine;
    }

    public boolean isPostgres() {
        return engine == StateDatabases.Engine.POSTGRESQL;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate tx() {
        return tx;
    }

    public TestClock clock() {
        return clock;
    }

    /** A connection outside the pool, so a test can end it abruptly the way a crashed process would. */
    public Connection unpooledConnection() throws SQLException {
        return DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    /**
     * Ends a connection the way a crashed consumer's connection ends: no commit, no rollback from the client.
     * PostgreSQL: {@code abort} drops the socket and the server rolls the transaction back. H2 2.3's
     * {@code abort} is a no-op, so the embedded session is closed without commit, which rolls it back.
     */
    public void crash(Connection connection) throws SQLException {
        if (isPostgres()) {
            connection.abort(Runnable::run);
        } else {
            connection.close();
        }
    }

    /**
     * How many other sessions are stuck in a statement starting with {@code sqlPrefix}, waiting for a lock
     * (a row lock, or a unique key another open transaction has just inserted). PostgreSQL reports lock
     * waits in pg_stat_activity; H2 does not set BLOCKER_ID for unique-key waits, so there a statement
     * that is still executing is taken as waiting (a single-row statement otherwise ends in microseconds).
     */
    public int waitingIn(String sqlPrefix) {
        String sql = isPostgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        + "AND query LIKE ?"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE ? "
                        + "AND SESSION_ID <> SESSION_ID()";
        Integer n = jdbc.queryForObject(sql, Integer.class, sqlPrefix + "%");
        return n == null ? 0 : n;
    }

    /** How many rows a table holds. */
    public int count(String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        dataSource.close();
        dropper.run();
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
