package io.omnisync.platform.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.sandbox.amazon.AmazonFake;
import io.omnisync.sandbox.amazon.FakeOrder;
import io.omnisync.sandbox.amazon.OrderDesk;
import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.sandbox.ebay.EbayOrders;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Orders taken on the Amazon and eBay fakes are polled, journalled once with the amounts the buyer paid, and placed
 * once in the Magento fake in the store view their marketplace is bound to (the sandbox profile's bindings).
 */
@SandboxTest
@TestPropertySource(properties = "omnisync.channels.order-polling.interval=1h")
class ChannelOrderFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ChannelOrderPoller poller;
    @Autowired
    AmazonFake amazon;
    @Autowired
    EbayFake ebay;
    @Autowired
    MagentoFake magento;
    @Autowired
    JdbcTemplate jdbc;

    private Optional<JsonNode> magentoOrder(String extOrderId) {
        return magento.store().orders().stream().filter(o -> extOrderId.equals(o.path("ext_order_id").asText(null)))
                .map(o -> (JsonNode) o).findFirst();
    }

    private JsonNode journalled(String source, String key) throws Exception {
        return JSON.readTree(jdbc.queryForObject("SELECT payload FROM journal WHERE source = ? AND source_event_id = ?",
                String.class, source, key));
    }

    @Test
    void shouldPlaceAnAmazonOrderInTheBoundStoreViewOnceWithTheAmountsAmazonCharged() throws Exception {
        FakeOrder order = amazon.orders().placeOrder("A1PA6795UKMFR9", FakeOrder.Status.Unshipped,
                List.of(new OrderDesk.Line("OS-0026", 2), new OrderDesk.Line("OS-0027", 1)));
        String id = order.amazonOrderId();

        poller.poll("amazon");
        ChannelOrderPoller.Result again = poller.poll("amazon");

        assertThat(again.accepted()).as("a second poll of the same orders journals nothing new").isZero();
        JsonNode placed = journalled("amazon", "amazon-order:" + id);
        assertThat(placed.path("currency").asText()).isEqualTo("EUR");
        assertThat(new BigDecimal(placed.path("grandTotal").asText())).isEqualByComparingTo(order.total());
        assertThat(placed.path("lines").findValuesAsText("rowTotal").stream().map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).as("lines add up to the cent").isEqualByComparingTo(order.total());
        await().atMost(Duration.ofSeconds(60)).until(() -> magentoOrder("amazon:" + id).isPresent());
        JsonNode inMagento = magentoOrder("amazon:" + id).orElseThrow();
        assertThat(inMagento.path("store_id").asInt()).as("eu_de").isEqualTo(2);
        assertThat(inMagento.path("items").findValuesAsText("sku")).containsExactlyInAnyOrder("OS-0026", "OS-0027");
        assertThat(magento.store().orders().stream().filter(o -> ("amazon:" + id).equals(o.path("ext_order_id").asText(null))))
                .hasSize(1);
    }

    @Test
    void shouldPlaceAnEbayOrderInDollarsInTheDefaultStoreView() throws Exception {
        String id = ebay.orders().placeOrder("EBAY_US", "buyer_one", List.of(new EbayOrders.Line("OS-0028", 1)));
        JsonNode asEbaySees = ebay.orders().order(id).orElseThrow();

        poller.poll("ebay");

        JsonNode placed = journalled("ebay", "ebay-order:" + id);
        assertThat(placed.path("currency").asText()).isEqualTo("USD");
        assertThat(new BigDecimal(placed.path("grandTotal").asText()))
                .isEqualByComparingTo(asEbaySees.at("/pricingSummary/total/value").asText());
        assertThat(new BigDecimal(placed.path("shippingAmount").asText()))
                .isEqualByComparingTo(asEbaySees.at("/pricingSummary/deliveryCost/value").asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> magentoOrder("ebay:" + id).isPresent());
        assertThat(magentoOrder("ebay:" + id).orElseThrow().path("store_id").asInt()).as("default").isEqualTo(1);
    }

    private int placedInMagento(String extOrderId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> magentoOrder(extOrderId).isPresent());
        return magentoOrder(extOrderId).orElseThrow().path("entity_id").asInt();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode track(String carrier, String number) {
        return JSON.createObjectNode().put("carrier_code", carrier).put("title", carrier.toUpperCase()).put("track_number", number);
    }

    @Test
    void shouldConfirmAMagentoShipmentOnAmazonWithItsTrackingNumber() {
        FakeOrder order = amazon.orders().placeOrder("ATVPDKIKX0DER", FakeOrder.Status.Unshipped,
                List.of(new OrderDesk.Line("OS-0029", 1)));
        poller.poll("amazon");
        int id = placedInMagento("amazon:" + order.amazonOrderId());

        magento.store().invoice(id, java.util.Map.of(), true);
        magento.store().ship(id, java.util.Map.of(), List.of(track("ups", "1Z999AA10000000001")));

        await().atMost(Duration.ofSeconds(60)).until(() -> order.status() == FakeOrder.Status.Shipped);
        assertThat(order.packages()).singleElement().satisfies(p -> {
            assertThat(p.trackingNumber()).isEqualTo("1Z999AA10000000001");
            assertThat(p.carrierCode()).isEqualTo("UPS");
        });
    }

    @Test
    void shouldShipPartlyThenFullyOnEbayAndRefundAMagentoCreditMemo() {
        String id = ebay.orders().placeOrder("EBAY_DE", "buyer_two",
                List.of(new EbayOrders.Line("OS-0030", 1), new EbayOrders.Line("OS-0031", 1)));
        poller.poll("ebay");
        int magentoId = placedInMagento("ebay:" + id);
        JsonNode items = magento.store().order(magentoId).orElseThrow().path("items");
        int first = items.get(0).path("item_id").asInt();

        magento.store().invoice(magentoId, java.util.Map.of(), true);
        magento.store().ship(magentoId, java.util.Map.of(first, BigDecimal.ONE), List.of(track("dhl", "JJD0001")));
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_PROGRESS".equals(
                ebay.orders().order(id).orElseThrow().path("orderFulfillmentStatus").asText()));
        magento.store().ship(magentoId, java.util.Map.of(), List.of(track("dhl", "JJD0002")));
        await().atMost(Duration.ofSeconds(60)).until(() -> "FULFILLED".equals(
                ebay.orders().order(id).orElseThrow().path("orderFulfillmentStatus").asText()));
        magento.store().refund(magentoId, java.util.Map.of(first, BigDecimal.ONE), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, List.of());

        await().atMost(Duration.ofSeconds(60)).until(() ->
                ebay.orders().order(id).orElseThrow().at("/paymentSummary/refunds").size() == 1);
        // the next poll sees that refund on eBay: Magento already credited it, so no second credit memo
        poller.poll("ebay");
        await().atMost(Duration.ofSeconds(60)).until(() -> ebayRefundSettled(id));
        assertThat(creditMemosOf(magentoId)).isEqualTo(1);
    }

    @Test
    void shouldCreditInMagentoWhatTheSellerRefundedOnEbay() {
        String id = ebay.orders().placeOrder("EBAY_US", "buyer_three", List.of(new EbayOrders.Line("OS-0041", 2)));
        poller.poll("ebay");
        int magentoId = placedInMagento("ebay:" + id);
        magento.store().invoice(magentoId, java.util.Map.of(), true);

        ebayFulfillment.issueRefund(id, new io.omnisync.connector.ebay.EbayRefund("BUYER_RETURN", "one unit back",
                List.of(), new BigDecimal("7.25"), "USD"));
        poller.poll("ebay");

        await().atMost(Duration.ofSeconds(60)).until(() -> creditMemosOf(magentoId) == 1);
        assertThat(magento.store().order(magentoId).orElseThrow().path("total_refunded").decimalValue())
                .isEqualByComparingTo("7.25");
        poller.poll("ebay");
        assertThat(ebay.orders().order(id).orElseThrow().at("/paymentSummary/refunds").size())
                .as("the Magento credit memo sends nothing back to eBay").isEqualTo(1);
        assertThat(creditMemosOf(magentoId)).isEqualTo(1);
    }

    @Autowired
    io.omnisync.connector.ebay.EbayFulfillment ebayFulfillment;
    @Autowired
    io.omnisync.platform.journal.Journal journalForWaits;

    private long creditMemosOf(int magentoOrderId) {
        return magento.store().documents("creditmemo").stream().filter(d -> d.path("order_id").asInt() == magentoOrderId).count();
    }

    /** The refund journalled from eBay's refunded total has been processed by every route. */
    private boolean ebayRefundSettled(String orderId) {
        Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE source = 'ebay' AND event_type = 'RefundIssued' "
                + "AND entity_key = ? AND status <> 'PROCESSED'", Integer.class, "ebay:" + orderId);
        Integer all = jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE source = 'ebay' AND event_type = 'RefundIssued' "
                + "AND entity_key = ?", Integer.class, "ebay:" + orderId);
        return all != null && all > 0 && pending != null && pending == 0;
    }

    @Test
    void shouldCancelTheMagentoOrderWhenAmazonCancelsIt() {
        FakeOrder order = amazon.orders().placeOrder("ATVPDKIKX0DER", FakeOrder.Status.Unshipped,
                List.of(new OrderDesk.Line("OS-0032", 2)));
        poller.poll("amazon");
        int id = placedInMagento("amazon:" + order.amazonOrderId());
        BigDecimal salable = magento.store().salableQuantity("OS-0032", 1);

        amazon.orders().changeStatus(order.amazonOrderId(), FakeOrder.Status.Canceled);
        poller.poll("amazon");

        await().atMost(Duration.ofSeconds(60)).until(() ->
                "canceled".equals(magento.store().order(id).orElseThrow().path("state").asText()));
        assertThat(magento.store().salableQuantity("OS-0032", 1)).isEqualByComparingTo(salable.add(BigDecimal.valueOf(2)));
    }
}
