package io.omnisync.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.pos.PosFake;
import io.omnisync.support.SandboxTest;
import io.omnisync.support.Webhooks;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sandbox end to end: a counter sale rung up in the POS fake arrives as signed webhooks, is read back from the
 * POS, journalled as OrderPlaced and placed in the Magento fake at the Berlin Store's store view, invoiced and shipped
 * from its berlin_store source.
 */
@SandboxTest
class PosSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    PosFake pos;

    @Autowired
    MagentoFake magento;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    @Qualifier("posHealthIndicator")
    HealthIndicator health;

    @LocalServerPort
    int port;

    @Test
    void shouldPlaceACounterSaleInMagentoOnceAndShipItFromTheStoresSource() {
        String sku = skuWithShopStock(31);
        BigDecimal before = magento.store().sourceQuantity(sku, "berlin_store").orElseThrow();

        ObjectNode sale = pos.orders().sell("L-BERLIN", Map.of(sku, 2));
        String ext = "pos:" + sale.path("id").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> magentoOrder(ext).map(o -> "complete".equals(o.path("state").asText()))
                .orElse(false));
        JsonNode order = magentoOrder(ext).orElseThrow();
        assertThat(order.path("items")).anySatisfy(item -> {
            assertThat(item.path("sku").asText()).isEqualTo(sku);
            assertThat(item.path("qty_ordered").decimalValue()).isEqualByComparingTo("2");
        });
        assertThat(magento.store().sourceQuantity(sku, "berlin_store").orElseThrow())
                .isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
        assertThat(magento.store().orders().stream().filter(o -> ext.equals(o.path("ext_order_id").asText(null)))).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> journalled("PaymentCaptured", ext) == 1);
        assertThat(journalled("OrderPlaced", ext)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT payload FROM journal WHERE source = 'pos' AND source_event_id = ?",
                String.class, "pos-order:" + sale.path("id").asText())).contains("\"account\":\"L-BERLIN\"")
                .contains("\"channel\":\"pos\"").contains("\"sku\":\"" + sku + "\"");
    }

    @Test
    void shouldJournalAReturnAsARefundOfTheOriginalSale() {
        String sku = skuWithShopStock(36);
        ObjectNode sale = pos.orders().sell("L-BERLIN", Map.of(sku, 2));

        ObjectNode ret = pos.orders().returnItems(sale.path("id").asText(), Map.of(sku, 1));

        String original = "pos:" + sale.path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> journalled("RefundIssued", original) == 1);
        String payload = jdbc.queryForObject("SELECT payload FROM journal WHERE source = 'pos' AND event_type = 'RefundIssued' "
                + "AND entity_key = ?", String.class, original);
        long price = sale.at("/line_items/0/base_price_money/amount").asLong();
        assertThat(payload).contains("\"refundId\":\"" + ret.path("id").asText() + ":return-1\"")
                .contains("\"amount\":" + BigDecimal.valueOf(price, 2).stripTrailingZeros().toPlainString());
        // Square's refund webhook names the return order: journalled too, under that order
        await().atMost(Duration.ofSeconds(30)).until(() -> journalled("RefundIssued", "pos:" + ret.path("id").asText()) == 1);
    }

    @Test
    void shouldAnswerARepeatedDeliveryAsDuplicateAndRefuseAForgedOne() throws Exception {
        String type = "payment.updated";
        byte[] body = ("{\"merchant_id\":\"ML0MNISYNC0001\",\"type\":\"payment.updated\",\"event_id\":\"" + UUID.randomUUID()
                + "\",\"created_at\":\"2026-11-22T10:15:03Z\",\"data\":{\"type\":\"payment\",\"id\":\"PAY-T1\",\"object\":"
                + "{\"payment\":{\"id\":\"PAY-T1\",\"status\":\"COMPLETED\",\"order_id\":\"ORD-T1\",\"location_id\":\"L-BERLIN\","
                + "\"total_money\":{\"amount\":1250,\"currency\":\"EUR\"},\"updated_at\":\"2026-11-22T10:15:02Z\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
        String signed = environment.getProperty("omnisync.sandbox.pos.notification-url") + "/" + type;
        String signature = PosWebhookSource.sign(environment.getProperty("omnisync.sandbox.pos.webhook-secret"), signed, body);
        Webhooks webhooks = new Webhooks(port);

        HttpResponse<String> first = webhooks.post("/webhooks/pos/" + type, body, "x-square-hmacsha256-signature", signature);
        HttpResponse<String> again = webhooks.post("/webhooks/pos/" + type, body, "x-square-hmacsha256-signature", signature);
        HttpResponse<String> forged = webhooks.post("/webhooks/pos/" + type, body, "x-square-hmacsha256-signature",
                PosWebhookSource.sign("not-the-key", signed, body));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("accepted").asInt()).isEqualTo(1);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(journalled("PaymentCaptured", "pos:ORD-T1")).isEqualTo(1);
    }

    @Test
    void shouldReachThePosFakeAndReportHealthy() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails().get("locations")).asList().containsExactly("L-BERLIN");
    }

    private String skuWithShopStock(int from) {
        return IntStream.range(from, 46).mapToObj(n -> String.format("OS-%04d", n))
                .filter(sku -> magento.store().sourceQuantity(sku, "berlin_store").orElse(BigDecimal.ZERO).intValue() >= 3)
                .findFirst().orElseThrow(() -> new IllegalStateException("no SKU with 3 units at berlin_store from OS-00" + from));
    }

    private Optional<JsonNode> magentoOrder(String ext) {
        return magento.store().orders().stream().filter(o -> ext.equals(o.path("ext_order_id").asText(null)))
                .map(o -> (JsonNode) o).findFirst();
    }

    private int journalled(String type, String entityKey) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE source = 'pos' AND event_type = ? AND entity_key = ?",
                Integer.class, type, entityKey);
    }
}
