package io.omnisync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.support.ChildService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks acknowledged before a SIGKILL are all processed after a restart, none twice. The service runs as a
 * child JVM on an H2 file; it is killed mid-batch twice (once while webhooks arrive, once while the bus is
 * still working through them) and each delivery is sent again after each restart, as a sender would.
 */
class CrashRecoveryIT {

    private static final String SECRET = "crash-test-secret-0123456789";
    private static final String EVENT = "inventory.source_items.updated";
    private static final int EVENTS = 400;
    private static final int SENDERS = 4;
    private static final String ROUTE = "stock-magento-ledger";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    Path data;

    @Test
    void shouldProcessEveryAcknowledgedWebhookExactlyOnceAcrossSigkills() throws Exception {
        Path db = data.resolve("state");
        int port = ChildService.freePort();
        List<String> args = List.of("--spring.profiles.active=sandbox", "--omnisync.sandbox.demo.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + db + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE",
                "--omnisync.sandbox.magento.webhook-secret=" + SECRET, "--omnisync.bus.consumers=2");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();

        // 1. killed while webhooks arrive
        try (ChildService first = new ChildService("crash-1", port, args).start().awaitReady(Duration.ofSeconds(60))) {
            sendAll(port, acknowledged, () -> acknowledged.size() >= EVENTS / 3, first::kill);
        }
        int ackedBeforeFirstKill = acknowledged.size();
        assertThat(ackedBeforeFirstKill).as("acknowledged before the first SIGKILL").isGreaterThan(0).isLessThan(EVENTS);

        // 2. restart, every sender retries; killed right after the last acknowledgement while the other routes work
        // through the stock events. The ledger route is held back (Camel's auto-startup exclude pattern), so its
        // backlog is certainly on the bus when the SIGKILL lands: processing has become fast enough to drain 400
        // events before the last sender returns, which left nothing queued to recover.
        List<String> ledgerHeldBack = new java.util.ArrayList<>(args);
        ledgerHeldBack.add("--camel.main.auto-startup-exclude-pattern=" + ROUTE);
        try (ChildService second = new ChildService("crash-2", port, ledgerHeldBack).start()
                .awaitReady(Duration.ofSeconds(60))) {
            sendAll(port, acknowledged, () -> false, () -> { });
            assertThat(acknowledged).hasSize(EVENTS);
            second.kill();
        }

        // 3. restart and let it drain
        double skipped;
        double processedAfterLastKill;
        try (ChildService third = new ChildService("crash-3", port, args).start().awaitReady(Duration.ofSeconds(60))) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> third.metric("omnisync_bus_depth") == 0 && third.metric("omnisync_journal_depth") == 0);
            skipped = third.metric("omnisync_events_skipped_total");
            processedAfterLastKill = third.metric("omnisync_events_processed_total", "route=\"" + ROUTE + "\"");
            third.stop();
        }

        // every event first acknowledged by the second instance waited for the ledger route, less the deliveries in
        // flight at the first SIGKILL (one per sender) that were committed although their answer was lost
        assertThat(processedAfterLastKill).as("ledger events still queued when the second SIGKILL hit")
                .isGreaterThanOrEqualTo(EVENTS - ackedBeforeFirstKill - SENDERS);
        assertThat(skipped).as("deliveries whose effect had already been committed (processed twice)").isZero();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "")) {
            Map<String, String> statusById = strings(c, "SELECT source_event_id, status FROM journal WHERE source = 'magento'");
            assertThat(statusById).as("one journal entry per distinct event").hasSize(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                assertThat(statusById.get(journalKey(i))).as("event " + i).isEqualTo("PROCESSED");
            }
            assertThat(count(c, "SELECT COUNT(*) FROM bus_message")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM idempotency_key WHERE scope = 'route:" + ROUTE + "'"))
                    .as("one recorded effect per event for " + ROUTE).isEqualTo(EVENTS);
            assertThat(count(c, "SELECT COUNT(*) FROM idempotency_key k JOIN journal j ON CAST(j.id AS VARCHAR) = k.idem_key "
                    + "WHERE k.scope = 'route:" + ROUTE + "'")).isEqualTo(EVENTS);
            assertThat(strings(c, "SELECT sku || '@' || SUBSTRING(kind, 8), CAST(version AS VARCHAR) FROM channel_ledger "
                    + "WHERE channel = 'magento' AND kind LIKE 'source:%'")).as("ledger holds the newest version per SKU and source")
                    .isEqualTo(newestVersions());
            assertThat(count(c, "SELECT COUNT(*) FROM dead_letter")).isZero();
        }
    }

    /**
     * Sends every event not yet acknowledged from {@value #SENDERS} threads; runs {@code onTrigger} once when the
     * trigger holds.
     */
    private static void sendAll(int port, Set<Integer> acknowledged, java.util.function.BooleanSupplier trigger,
                                Runnable onTrigger) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        for (int t = 0; t < SENDERS; t++) {
            senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                    if (send(port, i)) {
                        acknowledged.add(i);
                    }
                    if (trigger.getAsBoolean() && fired.compareAndSet(false, true)) {
                        onTrigger.run();
                    }
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean send(int port, int i) {
        byte[] bytes = body(i).getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/webhooks/magento/" + EVENT)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("x-magento-signature", HmacSignatures.hex(SECRET, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Event i: one of 50 SKUs at one of 2 sources, a version that grows with i. */
    private static String body(int i) {
        String sku = String.format("OS-%04d", 1 + i % 50);
        String source = (i / 50) % 2 == 0 ? "us_warehouse" : "eu_warehouse";
        return "{\"data\":{\"sku\":\"" + sku + "\",\"source_code\":\"" + source + "\",\"quantity\":" + (i % 97)
                + ",\"status\":1,\"updated_at\":\"2026-11-22 12:00:00\",\"version\":" + (1_000 + i) + "}}";
    }

    private static Map<String, String> newestVersions() {
        Map<String, String> newest = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String sku = String.format("OS-%04d", 1 + i % 50);
            String source = (i / 50) % 2 == 0 ? "us_warehouse" : "eu_warehouse";
            newest.merge(sku + "@" + source, String.valueOf(1_000 + i),
                    (a, b) -> Long.parseLong(a) > Long.parseLong(b) ? a : b);
        }
        return newest;
    }

    private static Map<String, String> strings(Connection c, String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                assertThat(seen.add(rs.getString(1))).as("key " + rs.getString(1) + " appears once").isTrue();
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The journal key of event i: the Magento state it describes (MagentoEventKeys), not the delivery. */
    private static String journalKey(int i) {
        String sku = String.format("OS-%04d", 1 + i % 50);
        String source = (i / 50) % 2 == 0 ? "us_warehouse" : "eu_warehouse";
        return "stock:" + source + ":" + sku + "@" + (1_000 + i);
    }
}
