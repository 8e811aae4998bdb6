package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.checkpoint.Checkpoints;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The polling fallback in the running sandbox, beside the async-events webhooks of the same fake: a change both
 * report is journalled once, a change only the poll sees is journalled by the poll, and checkpoints advance.
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.connector.magento.polling.enabled=true",
    "omnisync.connector.magento.polling.interval=1h",
    "omnisync.connector.magento.polling.overlap=5m"
})
class MagentoPollingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MagentoPoller poller;
    @Autowired
    MagentoFake fake;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Checkpoints checkpoints;

    private int journalled(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE source = 'magento' AND source_event_id = ?",
                Integer.class, key);
        return n == null ? 0 : n;
    }

    private JsonNode payload(String key) throws Exception {
        return JSON.readTree(jdbc.queryForObject("SELECT payload FROM journal WHERE source = 'magento' AND source_event_id = ?",
                String.class, key));
    }

    @Test
    void shouldJournalAnOrderOnceWhetherTheWebhookOrThePollReportsItFirst() throws Exception {
        int id = fake.store().placeOrder("default", Map.of("OS-0002", 1)).path("entity_id").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> journalled("order-placed:" + id) == 1);

        List<MagentoPoller.Result> first = poller.poll(MagentoProperties.Feed.ORDERS);
        List<MagentoPoller.Result> second = poller.poll(MagentoProperties.Feed.ORDERS);

        assertThat(first).singleElement().satisfies(r -> assertThat(r.duplicates()).isGreaterThanOrEqualTo(1));
        assertThat(second).singleElement().satisfies(r -> assertThat(r.accepted()).isZero());
        assertThat(journalled("order-placed:" + id)).isEqualTo(1);
        assertThat(payload("order-placed:" + id).path("channelOrderId").asText()).isEqualTo(String.valueOf(id));
        assertThat(checkpoints.read("magento", "orders:all")).hasValueSatisfying(c -> assertThat(c).matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    }

    @Test
    void shouldPickUpTheStoreViewsAWebhookDidNotNameAndDedupeTheOneItDid() throws Exception {
        // a website-scope price change made in eu_de: the async event names eu_de only, but eu_fr's price changed too
        var product = fake.store().updateProduct("eu_de", "OS-0031", Map.of("price", new BigDecimal("19.40")));
        String updatedAt = product.path("updated_at").asText();
        String at = updatedAt.replace(' ', 'T') + "Z";
        await().atMost(Duration.ofSeconds(10)).until(() -> journalled("price:eu_de:OS-0031@" + at) == 1);
        assertThat(journalled("price:eu_fr:OS-0031@" + at)).isZero();

        List<MagentoPoller.Result> results = poller.poll(MagentoProperties.Feed.PRODUCTS);

        assertThat(results).extracting(MagentoPoller.Result::scope).containsExactlyInAnyOrder("default", "eu_de", "eu_fr");
        assertThat(journalled("price:eu_de:OS-0031@" + at)).isEqualTo(1);
        assertThat(journalled("price:eu_fr:OS-0031@" + at)).isEqualTo(1);
        assertThat(payload("price:eu_fr:OS-0031@" + at).path("price").decimalValue()).isEqualByComparingTo("19.40");
        assertThat(payload("price:eu_fr:OS-0031@" + at).path("currency").asText()).isEqualTo("EUR");
        assertThat(checkpoints.read("magento", "products:eu_fr")).contains(updatedAt);
        assertThat(results.stream().filter(r -> r.scope().equals("eu_de")).findFirst().orElseThrow().duplicates())
                .as("the eu_de change came by webhook already").isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldTurnShipmentsAndCreditMemosIntoOrderShippedAndRefundIssuedOnce() throws Exception {
        var order = fake.store().placeOrder("eu_fr", Map.of("OS-0033", 2));
        int id = order.path("entity_id").asInt();
        int item = order.path("items").get(0).path("item_id").asInt();
        var track = JSON.createObjectNode().put("carrier_code", "dhl").put("title", "DHL").put("track_number", "JJD0099");
        fake.store().invoice(id, Map.of(), true);
        int shipment = fake.store().ship(id, Map.of(), List.of(track));
        int creditmemo = fake.store().refund(id, Map.of(item, BigDecimal.ONE), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> journalled("shipment:" + shipment) == 1
                && journalled("creditmemo:" + creditmemo) == 1);

        poller.poll(MagentoProperties.Feed.SHIPMENTS);
        poller.poll(MagentoProperties.Feed.CREDITMEMOS);

        assertThat(journalled("shipment:" + shipment)).isEqualTo(1);
        assertThat(journalled("creditmemo:" + creditmemo)).isEqualTo(1);
        JsonNode shipped = payload("shipment:" + shipment);
        assertThat(shipped.path("type").asText()).isEqualTo("OrderShipped");
        assertThat(shipped.path("channelOrderId").asText()).isEqualTo(String.valueOf(id));
        assertThat(shipped.path("trackingNumber").asText()).isEqualTo("JJD0099");
        assertThat(shipped.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        JsonNode refunded = payload("creditmemo:" + creditmemo);
        assertThat(refunded.path("type").asText()).isEqualTo("RefundIssued");
        assertThat(refunded.path("currency").asText()).isEqualTo("EUR");
        assertThat(refunded.path("amount").decimalValue()).isEqualByComparingTo(order.path("items").get(0).path("price").decimalValue());
    }
}
