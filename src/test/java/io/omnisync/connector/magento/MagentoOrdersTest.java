package io.omnisync.connector.magento;

import io.omnisync.platform.outbound.TestOutbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.xref.CrossReferences;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.magento.MagentoFakeOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Orders against the Magento fake: external orders created exactly once through the cart flow, then fulfilled. */
class MagentoOrdersTest {

    static final MagentoFakeOptions.OAuth INTEGRATION = new MagentoFakeOptions.OAuth("orders-consumer-key",
            "orders-consumer-secret", "orders-access-token-0123456789", "orders-token-secret");

    private MagentoFake fake;
    private StateDatabase db;
    private CrossReferences xref;
    private MagentoProperties properties;

    static MagentoProperties properties(String baseUrl) {
        MagentoProperties properties = new MagentoProperties();
        properties.setEnabled(true);
        properties.setBaseUrl(baseUrl);
        properties.setConsumerKey(INTEGRATION.consumerKey());
        properties.setConsumerSecret(INTEGRATION.consumerSecret());
        properties.setAccessToken(INTEGRATION.token());
        properties.setAccessTokenSecret(INTEGRATION.tokenSecret());
        return properties;
    }

    @BeforeEach
    void start() {
        fake = MagentoFake.start(MagentoFakeOptions.defaults().withOAuth(INTEGRATION));
        db = Engine.H2.open();
        xref = new CrossReferences(db.jdbc(), db.clock());
        properties = properties(fake.baseUrl());
    }

    @AfterEach
    void stop() {
        fake.close();
        db.close();
    }

    private MagentoOrders orders(MagentoClient client) {
        TransactionTemplate own = new TransactionTemplate(db.tx().getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new MagentoOrders(client, properties, xref, own);
    }

    private MagentoOrders orders() {
        return orders(new MagentoClient(properties, new ObjectMapper(), TestOutbound.loopback()));
    }

    static MagentoOrders.ExternalOrder amazonOrder(String id, String sku, int qty) {
        MagentoOrders.Address address = new MagentoOrders.Address("Lena", "Schmidt", "Hauptstraße 5", "Berlin", null, "10115",
                "DE", "+49 30 1234567");
        return new MagentoOrders.ExternalOrder("amazon", id, "eu_de", "lena.schmidt@example.de", address, null,
                List.of(new MagentoOrders.Line(sku, BigDecimal.valueOf(qty))), "EUR", new BigDecimal("27.70"));
    }

    @Test
    void shouldCreateAnExternalOrderOnceWithExtOrderIdReservationAndCrossReference() {
        int stock = 2;
        BigDecimal salableBefore = fake.store().salableQuantity("OS-0012", stock);

        MagentoOrders.Created first = orders().createExternal(amazonOrder("302-1111111-0000001", "OS-0012", 2));
        MagentoOrders.Created again = orders().createExternal(amazonOrder("302-1111111-0000001", "OS-0012", 2));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.entityId()).isEqualTo(first.entityId());
        assertThat(fake.store().orders()).hasSize(1);
        JsonNode order = fake.store().order(first.entityId()).orElseThrow();
        assertThat(order.path("ext_order_id").asText()).isEqualTo("amazon:302-1111111-0000001");
        assertThat(order.path("store_id").asInt()).isEqualTo(2);
        assertThat(order.path("order_currency_code").asText()).isEqualTo("EUR");
        assertThat(order.path("customer_email").asText()).isEqualTo("lena.schmidt@example.de");
        assertThat(order.path("status_histories").toString()).contains("amazon order 302-1111111-0000001");
        assertThat(fake.store().salableQuantity("OS-0012", stock)).isEqualByComparingTo(salableBefore.subtract(BigDecimal.valueOf(2)));
        assertThat(xref.find("order", "amazon", "302-1111111-0000001", "magento-entity"))
                .contains(String.valueOf(first.entityId()));
    }

    @Test
    void shouldFindTheOrderAnAttemptPlacedBeforeItCrashedInsteadOfPlacingAnother() {
        // the first attempt runs in the delivery's transaction and dies right after Magento placed the order,
        // before ext_order_id and the cross-reference were written: that transaction rolls back
        MagentoClient crashesAfterPlacing = new MagentoClient(properties, new ObjectMapper(), TestOutbound.loopback()) {
            @Override
            public JsonNode post(String storeCode, String path, JsonNode body) {
                if (path.equals("/V1/orders")) {
                    throw new IntegrationException(ErrorClass.CONNECTION, "killed after the order was placed");
                }
                return super.post(storeCode, path, body);
            }
        };
        assertThatThrownBy(() -> db.tx().executeWithoutResult(s ->
                orders(crashesAfterPlacing).createExternal(amazonOrder("302-2222222-0000002", "OS-0014", 1))))
                .hasMessageContaining("killed");
        assertThat(fake.store().orders()).hasSize(1);
        assertThat(xref.find("order", "amazon", "302-2222222-0000002", "magento-entity")).isEmpty();

        MagentoOrders.Created retry = db.tx().execute(s ->
                orders().createExternal(amazonOrder("302-2222222-0000002", "OS-0014", 1)));

        assertThat(retry.created()).isFalse();
        assertThat(fake.store().orders()).as("no second order").hasSize(1);
        assertThat(fake.store().order(retry.entityId()).orElseThrow().path("ext_order_id").asText())
                .isEqualTo("amazon:302-2222222-0000002");
        assertThat(xref.find("order", "amazon", "302-2222222-0000002", "magento-entity"))
                .contains(String.valueOf(retry.entityId()));
    }

    @Test
    void shouldLeaveNoOrderWhenASkuCannotBeSold() {
        IntegrationException refused = catchThrowableOfType(
                () -> orders().createExternal(amazonOrder("302-3333333-0000003", "NOPE-404", 1)), IntegrationException.class);

        assertThat(refused.errorClass()).isEqualTo(ErrorClass.MISSING);
        assertThat(fake.store().orders()).isEmpty();
    }

    @Test
    void shouldInvoiceShipPartlyWithTracksRefundAndCommentLikeMagento() {
        MagentoOrders orders = orders();
        MagentoOrders.Address address = new MagentoOrders.Address("Sam", "Lee", "1 Main St", "Austin", "Texas", "78701", "US",
                "+1 512 555 0100");
        MagentoOrders.Created created = orders.createExternal(new MagentoOrders.ExternalOrder("ebay", "12-34567-89012",
                "default", "sam.lee@example.com", address, address, List.of(new MagentoOrders.Line("OS-0021", BigDecimal.valueOf(3)),
                new MagentoOrders.Line("OS-0022", BigDecimal.ONE)), "USD", null));
        int id = created.entityId();
        JsonNode order = orders.get(id);
        int first = order.path("items").get(0).path("item_id").asInt();
        BigDecimal sourceBefore = fake.store().sourceQuantity("OS-0021", "us_warehouse").orElseThrow();
        BigDecimal salableBefore = fake.store().salableQuantity("OS-0021", 1);

        orders.invoice(id, Map.of(), true);
        int shipment = orders.ship(id, Map.of(first, BigDecimal.ONE), List.of(new MagentoOrders.Track("ups", "UPS", "1Z999AA10123456784")));
        assertThat(orders.get(id).path("state").asText()).isEqualTo("processing");
        orders.ship(id, Map.of(), List.of());
        int creditmemo = orders.refund(id, Map.of(first, BigDecimal.ONE), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of());
        orders.comment(id, "Refund of one unit, damaged in transit");

        JsonNode done = orders.get(id);
        assertThat(done.path("state").asText()).isEqualTo("complete");
        assertThat(done.path("items").get(0).path("qty_shipped").decimalValue()).isEqualByComparingTo("3");
        assertThat(done.path("items").get(0).path("qty_refunded").decimalValue()).isEqualByComparingTo("1");
        assertThat(done.path("status_histories").toString()).contains("damaged in transit");
        assertThat(fake.store().document("shipment", shipment).orElseThrow().path("tracks").get(0).path("track_number").asText())
                .isEqualTo("1Z999AA10123456784");
        assertThat(fake.store().document("creditmemo", creditmemo).orElseThrow().path("grand_total").decimalValue())
                .isEqualByComparingTo(done.path("items").get(0).path("price").decimalValue());
        // MSI: shipping deducted the source, and the compensating reservations keep salable quantity where the order put it
        assertThat(fake.store().sourceQuantity("OS-0021", "us_warehouse").orElseThrow())
                .isEqualByComparingTo(sourceBefore.subtract(BigDecimal.valueOf(3)));
        assertThat(fake.store().salableQuantity("OS-0021", 1)).isEqualByComparingTo(salableBefore);
        assertThat(orders.cancel(id)).as("a shipped order cannot be cancelled").isFalse();
    }

    @Test
    void shouldCancelAnOpenOrderAndGiveItsQuantityBack() {
        MagentoOrders orders = orders();
        BigDecimal salableBefore = fake.store().salableQuantity("OS-0015", 2);
        int id = orders.createExternal(amazonOrder("302-4444444-0000004", "OS-0015", 2)).entityId();

        assertThat(orders.cancel(id)).isTrue();

        assertThat(orders.get(id).path("state").asText()).isEqualTo("canceled");
        assertThat(fake.store().salableQuantity("OS-0015", 2)).isEqualByComparingTo(salableBefore);
        IntegrationException invoice = catchThrowableOfType(() -> orders.invoice(id, Map.of(), true), IntegrationException.class);
        assertThat(invoice).hasMessageContaining("does not allow an invoice");
    }

    @Test
    void shouldShipFromTheNamedSourceLikeAPosCounterHandOver() {
        MagentoOrders orders = orders();
        fake.store().setSourceQuantity("OS-0023", "eu_warehouse", 9);
        int id = orders.createExternal(amazonOrder("302-5555555-0000005", "OS-0023", 2)).entityId();

        orders.invoice(id, Map.of(), true);
        orders.ship(id, Map.of(), List.of(), "eu_warehouse");

        assertThat(fake.store().sourceQuantity("OS-0023", "eu_warehouse").orElseThrow()).isEqualByComparingTo("7");
        IntegrationException foreign = catchThrowableOfType(() -> orders.ship(id, Map.of(), List.of(), "us_warehouse"),
                IntegrationException.class);
        assertThat(foreign).isNotNull();
    }
}
