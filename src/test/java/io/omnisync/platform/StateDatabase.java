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

    /** How many sessions of this database are waiting for a lock another session holds. */
    public int blockedSessions() {
        String sql = isPostgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        Integer n = jdbc.queryForObject(sql, Integer.class);
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
