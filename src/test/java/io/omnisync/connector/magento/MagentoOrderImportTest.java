package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.deadletter.DeadLetter;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.PostalAddress;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Channel orders placed in the Magento fake through the bus: once, in the bound store view, or dead-lettered. */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.channels.bindings[0].channel=amazon",
    "omnisync.channels.bindings[0].account=ATVPDKIKX0DER",
    "omnisync.channels.bindings[0].website=base",
    "omnisync.channels.bindings[0].store-view=default",
    "omnisync.channels.bindings[0].currency=USD",
    "omnisync.channels.bindings[1].channel=amazon",
    "omnisync.channels.bindings[1].account=A1PA6795UKMFR9",
    "omnisync.channels.bindings[1].website=eu",
    "omnisync.channels.bindings[1].store-view=eu_de",
    "omnisync.channels.bindings[1].currency=EUR",
    "omnisync.channels.bindings[2].channel=pos",
    "omnisync.channels.bindings[2].account=L-BERLIN",
    "omnisync.channels.bindings[2].website=eu",
    "omnisync.channels.bindings[2].store-view=eu_de",
    "omnisync.channels.bindings[2].currency=EUR",
    "omnisync.channels.bindings[2].source=berlin_store"
})
class MagentoOrderImportTest {

    @Autowired
    Journal journal;
    @Autowired
    BusSignal signal;
    @Autowired
    MagentoFake fake;
    @Autowired
    MagentoOrderImport orderImport;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    TransactionTemplate tx;

    static OrderPlaced amazonOrder(String id, String account, String currency, String sku) {
        PostalAddress address = new PostalAddress("Lena", "Schmidt", List.of("Hauptstraße 5"), "Berlin", null, "10115",
                "DE", "+49 30 1234567");
        return new OrderPlaced("amazon", id, null, null, currency, new BigDecimal("27.70"), "lena@example.de",
                List.of(new OrderLine(sku, BigDecimal.ONE, new BigDecimal("22.70"), new BigDecimal("22.70"))),
                Instant.parse("2026-11-22T10:00:00Z"), account, address, new BigDecimal("5.00"), BigDecimal.ZERO);
    }

    private List<JsonNode> magentoOrdersOf(String channelOrderId) {
        return fake.store().orders().stream()
                .filter(o -> ("amazon:" + channelOrderId).equals(o.path("ext_order_id").asText(null)))
                .map(o -> (JsonNode) o).toList();
    }

    private void publish(OrderPlaced order) {
        journal.append("amazon", List.of(new SourcedEvent("amazon-order:" + order.channelOrderId(), order)));
        signal.wakeUp();
    }

    @Test
    void shouldPlaceAChannelOrderInTheStoreViewItsMarketplaceIsBoundTo() {
        publish(amazonOrder("302-5550001-0000001", "A1PA6795UKMFR9", "EUR", "OS-0016"));

        await().atMost(Duration.ofSeconds(15)).until(() -> magentoOrdersOf("302-5550001-0000001").size() == 1);
        JsonNode order = magentoOrdersOf("302-5550001-0000001").get(0);
        assertThat(order.path("store_id").asInt()).isEqualTo(2);
        assertThat(order.path("order_currency_code").asText()).isEqualTo("EUR");
        assertThat(order.path("items").get(0).path("sku").asText()).isEqualTo("OS-0016");
    }

    @Test
    void shouldCreateOneMagentoOrderFromTenConcurrentDeliveriesOfOneChannelOrder() throws Exception {
        OrderPlaced order = amazonOrder("302-5550002-0000002", "ATVPDKIKX0DER", "USD", "OS-0017");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MagentoOrders.Created>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return tx.execute(s -> orderImport.importOrder(order));
            }));
        }
        start.countDown();
        List<Integer> ids = new ArrayList<>();
        for (Future<MagentoOrders.Created> result : results) {
            ids.add(result.get().entityId());
        }
        pool.shutdown();

        assertThat(magentoOrdersOf("302-5550002-0000002")).hasSize(1);
        assertThat(ids).containsOnly(ids.get(0));
    }

    @Test
    void shouldDeadLetterAnOrderWithAnUnknownSkuAndPlaceNothing() {
        int before = fake.store().orders().size();
        publish(amazonOrder("302-5550003-0000003", "ATVPDKIKX0DER", "USD", "NOT-IN-MAGENTO"));

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetterOf("302-5550003-0000003") != null);
        DeadLetter dead = deadLetterOf("302-5550003-0000003");
        assertThat(dead.routeId()).isEqualTo("orders-channel-to-magento");
        assertThat(dead.reason()).contains("NOT-IN-MAGENTO");
        assertThat(dead.payload()).doesNotContain("Schmidt", "Hauptstraße", "lena@");
        assertThat(magentoOrdersOf("302-5550003-0000003")).isEmpty();
        assertThat(fake.store().orders().stream().filter(o -> o.path("ext_order_id").isNull()
                || o.path("ext_order_id").asText().startsWith("amazon:302-5550003"))).hasSizeLessThanOrEqualTo(before);
    }

    @Test
    void shouldDeadLetterAnOrderOfAnUnboundMarketplaceNamingTheConfiguration() {
        publish(amazonOrder("302-5550004-0000004", "A13V1IB3VIYZZH", "EUR", "OS-0018"));

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetterOf("302-5550004-0000004") != null);
        assertThat(deadLetterOf("302-5550004-0000004").reason()).contains("A13V1IB3VIYZZH")
                .contains("omnisync.channels.bindings");
        assertThat(magentoOrdersOf("302-5550004-0000004")).isEmpty();
    }

    @Test
    void shouldBookACounterSaleAsPaidAndShippedFromTheShopsOwnSource() {
        fake.store().setSourceQuantity("OS-0024", "berlin_store", 6);
        BigDecimal warehouse = fake.store().sourceQuantity("OS-0024", "eu_warehouse").orElseThrow();
        OrderPlaced sale = new OrderPlaced("pos", "sq-order-0001", null, null, "EUR", new BigDecimal("18.90"), null,
                List.of(new OrderLine("OS-0024", BigDecimal.valueOf(2), new BigDecimal("9.45"), new BigDecimal("18.90"))),
                Instant.parse("2026-11-22T10:00:00Z"), "L-BERLIN", null, BigDecimal.ZERO, BigDecimal.ZERO);
        journal.append("pos", List.of(new SourcedEvent("pos-order:sq-order-0001", sale)));
        signal.wakeUp();

        await().atMost(Duration.ofSeconds(15)).until(() -> fake.store().orders().stream().anyMatch(o ->
                "pos:sq-order-0001".equals(o.path("ext_order_id").asText(null)) && "complete".equals(o.path("state").asText())));
        assertThat(fake.store().sourceQuantity("OS-0024", "berlin_store").orElseThrow()).isEqualByComparingTo("4");
        assertThat(fake.store().sourceQuantity("OS-0024", "eu_warehouse").orElseThrow()).isEqualByComparingTo(warehouse);
        JsonNode order = fake.store().orders().stream()
                .filter(o -> "pos:sq-order-0001".equals(o.path("ext_order_id").asText(null))).findFirst().orElseThrow();
        assertThat(order.path("billing_address").path("city").asText()).isEqualTo("Berlin");
    }

    private DeadLetter deadLetterOf(String channelOrderId) {
        return deadLetters.list(DeadLetters.OPEN, 100).stream()
                .filter(d -> d.entityKey().equals("amazon:" + channelOrderId)).findFirst().orElse(null);
    }
}
