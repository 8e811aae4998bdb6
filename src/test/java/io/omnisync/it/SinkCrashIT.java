package io.omnisync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.support.ChildService;
import io.omnisync.support.FakeSystems;
import io.omnisync.support.FakeSystems.Sale;
import io.omnisync.support.PosDeliveries;
import io.omnisync.support.SinkCount;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counter sales of the POS, imported into Magento, counted at Magento: the fakes run in a JVM of their own, omnisync
 * (H2 file) in another, which is SIGKILLed {@value #KILLS} times while the POS's webhooks arrive and the imports run
 * (each import reads the order from the POS, then places, marks, invoices and ships it in Magento). The POS retries
 * each webhook until it is acknowledged. Afterwards every sale is one Magento order (by ext_order_id), none twice, no
 * order placed and left unmarked; the time from each restart to readiness is printed.
 */
class SinkCrashIT {

    private static final int SALES = 80;
    private static final int KILLS = 3;
    private static final int SALES_PER_SECOND = 5;

    @TempDir
    Path data;

    @Test
    void shouldPlaceEveryPosSaleInMagentoOnceThroughRepeatedSigkillsUnderLoad() throws Exception {
        String db = "jdbc:h2:file:" + data.resolve("state");
        int port = ChildService.freePort();
        try (FakeSystems fakes = new FakeSystems("sink-crash-fakes").start();
             PosDeliveries pos = new PosDeliveries(fakes, port)) {
            List<String> args = Stream.concat(fakes.omnisyncArgs().stream(), Stream.of(
                    "--spring.datasource.url=" + db + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE",
                    "--omnisync.connector.pos.limits.calls-per-second=100", "--omnisync.connector.pos.limits.burst=20")).toList();
            List<Sale> sales = fakes.sell(SALES);
            List<String> kills = new ArrayList<>();
            List<Double> readySeconds = new ArrayList<>();

            List<ChildService> services = new ArrayList<>();
            ChildService service = new ChildService("sink-crash-0", port, args).start().awaitReady(Duration.ofSeconds(90));
            services.add(service);
            pos.deliverPaced(sales, SALES_PER_SECOND);
            try {
                for (int k = 1; k <= KILLS; k++) {
                    int imported = k * SALES / (KILLS + 2);
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                            .until(() -> fakes.magentoOrders().size() >= imported);
                    service.kill();
                    kills.add("kill " + k + ": " + pos.acknowledged().size() + " of " + SALES + " acknowledged, "
                            + fakes.magentoOrders().size() + " in Magento");
                    long restarted = System.nanoTime();
                    service = new ChildService("sink-crash-" + k, port, args).start().awaitReady(Duration.ofSeconds(90));
                    services.add(service);
                    readySeconds.add((System.nanoTime() - restarted) / 1e9);
                }
                ChildService last = service;
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                        .until(() -> pos.acknowledged().size() == SALES && last.metric("omnisync_journal_depth") == 0
                                && last.metric("omnisync_bus_depth") == 0);
                service.stop();
            } finally {
                service.close();
            }

            SinkCount sink = SinkCount.of("pos", pos.acknowledged(), fakes.magentoOrders());
            long foundAfterCrash = services.stream().mapToLong(s -> s.output().split("by an earlier attempt", -1).length - 1).sum();
            System.out.printf("SIGKILL x%d under load: %s; %s; ready after restart %s s (JVM start included); "
                    + "%d orders placed before a kill and found by the next attempt; webhook answers %s, latency of answered "
                    + "attempts %s%n", KILLS, kills, sink,
                    readySeconds.stream().map(s -> String.format("%.1f", s)).collect(Collectors.joining(", ")), foundAfterCrash,
                    PosDeliveries.statuses(pos.attempts(0, Long.MAX_VALUE)), PosDeliveries.latencies(pos.attempts(0, Long.MAX_VALUE)));
            assertThat(pos.acknowledged()).as("every sale acknowledged in the end").hasSize(SALES);
            assertThat(sink.lost()).as("acknowledged sales missing in Magento").isZero();
            assertThat(sink.duplicates()).as("sales placed in Magento more than once").isZero();
            assertThat(sink.orphans()).as("Magento orders without a sale behind them").isZero();
            assertThat(sink.documentsTwice()).as("orders invoiced or shipped twice").isZero();
            try (Connection c = DriverManager.getConnection(db, "sa", "")) {
                assertThat(count(c, "SELECT COUNT(*) FROM journal WHERE status <> 'PROCESSED'")).as("journal entries not processed").isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM journal WHERE source = 'pos' AND event_type = 'OrderPlaced'"))
                        .as("one OrderPlaced journalled per sale").isEqualTo(SALES);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
