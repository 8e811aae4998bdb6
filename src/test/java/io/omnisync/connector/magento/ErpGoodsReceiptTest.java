package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.connector.erp.ErpWebhookSource;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * ERP goods receipts reach Magento's source items as relative transfers through the staging source: under a storm
 * of concurrent shipments (each deducting from the same source) and duplicated deliveries, the source ends at
 * exactly start + received − written off − shipped; an attempt that died half-way is finished, not repeated; a
 * delivery outside the signed timestamp's tolerance, in either direction, is refused.
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.connector.erp.enabled=true",
    "omnisync.connector.erp.webhook-secrets=" + ErpGoodsReceiptTest.SECRET + "," + ErpGoodsReceiptTest.ROTATED,
    "omnisync.connector.magento.polling.enabled=false",
    "omnisync.channels.order-polling.interval=1h"
})
class ErpGoodsReceiptTest {

    static final String SECRET = "erp-test-secret-0123456789";
    static final String ROTATED = "erp-rotated-secret-0123456789";
    private static final String INBOUND = "omnisync_inbound";

    @LocalServerPort
    int port;
    @Autowired
    MagentoFake magento;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadLetters deadLetters;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String body, String secret, long timestamp) throws Exception {
        return send(body, ErpWebhookSource.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)), timestamp);
    }

    private HttpResponse<String> send(String body, String signature, long timestamp) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/erp/goods-receipt"))
                .header("Content-Type", "application/json").header("X-Omnisync-Timestamp", String.valueOf(timestamp))
                .header("X-Omnisync-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, SECRET, Instant.now().getEpochSecond());
    }

    private static String receipt(String id, String source, String sku, int quantity) {
        return "{\"receiptId\":\"" + id + "\",\"sourceCode\":\"" + source + "\",\"receivedAt\":\"" + Instant.now()
                + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
    }

    private BigDecimal at(String sku, String source) {
        return magento.store().sourceQuantity(sku, source).orElse(BigDecimal.ZERO);
    }

    private int transfers(String sku, String phase) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM stock_transfer WHERE sku = ? AND phase = ?", Integer.class, sku, phase);
    }

    /** Places a one-unit order in Magento's default store view and ships it from the source (a deduction there). */
    private void sellAndShip(String sku, String source) {
        ObjectNode order = magento.store().placeOrder("default", Map.of(sku, 1));
        int orderId = order.path("entity_id").asInt();
        JsonNode item = order.path("items").get(0);
        magento.store().ship(orderId, Map.of(item.path("item_id").asInt(), BigDecimal.ONE), List.of(), source);
    }

    @Test
    void shouldNeverLoseAConcurrentShipmentWhileReceiptsAndWriteOffsArrive() throws Exception {
        String sku = "OS-0031";
        magento.store().setSourceQuantity(sku, "us_warehouse", 100);
        int receipts = 10;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < receipts; i++) {
            String body = receipt("GR-C" + i, "us_warehouse", sku, 5);
            for (int copy = 0; copy < 2; copy++) { // every receipt delivered twice, as a retrying ERP would
                work.add(pool.submit(() -> {
                    start.await();
                    statuses.add(post(body).statusCode());
                    return null;
                }));
            }
        }
        for (int i = 0; i < 2; i++) {
            String body = receipt("WO-C" + i, "us_warehouse", sku, -3);
            work.add(pool.submit(() -> {
                start.await();
                statuses.add(post(body).statusCode());
                return null;
            }));
        }
        // two shippers keep shipping single units from the same source until every receipt line is applied
        java.util.concurrent.atomic.AtomicInteger shipped = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean applied = new java.util.concurrent.atomic.AtomicBoolean();
        for (int i = 0; i < 2; i++) {
            work.add(pool.submit(() -> {
                start.await();
                while (!applied.get()) {
                    if (magento.store().salableQuantity(sku, 1).intValue() > 10) {
                        sellAndShip(sku, "us_warehouse");
                        shipped.incrementAndGet();
                    }
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        start.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> transfers(sku, "DONE") == receipts + 2);
        applied.set(true);
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int shipments = shipped.get();
        System.out.printf("goods receipts: %d lines applied while %d units were shipped from the same source%n",
                receipts + 2, shipments);

        assertThat(statuses).hasSize(2 * receipts + 2).allMatch(s -> s == 200);
        assertThat(shipments).as("shipments overlapped the transfers").isGreaterThan(5);
        assertThat(at(sku, "us_warehouse")).as("100 + 10 x 5 received - 2 x 3 written off - %d shipped", shipments)
                .isEqualByComparingTo(BigDecimal.valueOf(100 + receipts * 5 - 6 - shipments));
        assertThat(at(sku, INBOUND)).as("the staging source is back at rest").isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldFinishATransferThatDiedHalfWayInsteadOfRepeatingIt() throws Exception {
        String sku = "OS-0032";
        magento.store().setSourceQuantity(sku, "us_warehouse", 40);
        // as an instance that staged 7 units for GR-H1 and died before the transfer
        magento.store().setSourceQuantity(sku, INBOUND, 7);
        jdbc.update("INSERT INTO stock_transfer (transfer_key, sku, source_code, quantity, phase, started_at) VALUES "
                + "('erp-receipt:GR-H1:1', ?, 'us_warehouse', 7, 'TRANSFERRING', ?)", sku, Timestamp.from(Instant.now()));
        // and one that transferred GR-H2's 4 units and died before recording it (nothing staged any more)
        jdbc.update("INSERT INTO stock_transfer (transfer_key, sku, source_code, quantity, phase, started_at) VALUES "
                + "('erp-receipt:GR-H2:1', 'OS-0033', 'us_warehouse', 4, 'TRANSFERRING', ?)", Timestamp.from(Instant.now()));
        magento.store().setSourceQuantity("OS-0033", "us_warehouse", 14);
        magento.store().setSourceQuantity("OS-0033", INBOUND, 0);

        assertThat(post(receipt("GR-H1", "us_warehouse", sku, 7)).statusCode()).isEqualTo(200);
        assertThat(post(receipt("GR-H2", "us_warehouse", "OS-0033", 4)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> transfers(sku, "DONE") == 1 && transfers("OS-0033", "DONE") == 1);
        assertThat(at(sku, "us_warehouse")).isEqualByComparingTo("47");
        assertThat(at(sku, INBOUND)).isEqualByComparingTo("0");
        assertThat(at("OS-0033", "us_warehouse")).as("already transferred: not again").isEqualByComparingTo("14");
    }

    @Test
    void shouldDeadLetterAWriteOffBeyondTheSourceAndGoOnWithTheNextReceipt() throws Exception {
        String sku = "OS-0034";
        magento.store().setSourceQuantity(sku, "eu_warehouse", 2);

        assertThat(post(receipt("WO-X1", "eu_warehouse", sku, -5)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.search(new DeadLetters.Filter("OPEN",
                "stock-erp-receipts-to-magento", null, null, sku), 10).isEmpty());
        assertThat(deadLetters.search(new DeadLetters.Filter("OPEN", "stock-erp-receipts-to-magento", null, null, sku), 10)
                .get(0).reason()).contains("not available");
        assertThat(post(receipt("GR-X2", "eu_warehouse", sku, 3)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> transfers(sku, "DONE") == 1);
        assertThat(at(sku, "eu_warehouse")).isEqualByComparingTo("5");
        assertThat(at(sku, INBOUND)).isEqualByComparingTo("0");
    }

    @Test
    void shouldRefuseDeliveriesOutsideTheTimestampToleranceInBothDirectionsAndAcceptBothSecrets() throws Exception {
        String body = receipt("GR-T1", "us_warehouse", "OS-0035", 1);
        long now = Instant.now().getEpochSecond();
        // (whole seconds against a running clock: the exact ±301/±299 boundaries are ErpWebhookSourceTest's)
        assertThat(post(body, SECRET, now - 302).statusCode()).isEqualTo(401);
        assertThat(post(body, SECRET, now + 302).statusCode()).isEqualTo(401);
        assertThat(post(body, "not-the-secret-0123456789", now).statusCode()).isEqualTo(401);
        String signature = ErpWebhookSource.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8));
        assertThat(send(body.replace("\"quantity\":1", "\"quantity\":100"), signature, now).statusCode()).as("tampered")
                .isEqualTo(401);
        assertThat(send(body, signature, now).statusCode()).isEqualTo(200);
        assertThat(post(receipt("GR-T2", "us_warehouse", "OS-0035", 1), SECRET, now - 290).statusCode()).isEqualTo(200);
        assertThat(post(receipt("GR-T3", "us_warehouse", "OS-0035", 1), ROTATED, now + 290).statusCode()).isEqualTo(200);
    }
}
