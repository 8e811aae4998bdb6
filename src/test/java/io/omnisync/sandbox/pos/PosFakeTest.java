package io.omnisync.sandbox.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The POS fake's counter sales, returns and signed webhooks, seen from a receiver of our own. */
class PosFakeTest {

    private static final String KEY = "fake-test-signature-key";
    private static final String PUBLIC_URL = "https://public.example.com/webhooks/pos";

    record Delivery(String path, String signature, byte[] body) {
    }

    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private PosFake fake;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Delivery(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst(PosWebhooks.SIGNATURE_HEADER), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        fake = PosFake.start(PosFakeOptions.defaults());
        String local = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/pos/";
        for (String type : List.of("order.created", "payment.created", "payment.updated", "refund.updated")) {
            fake.webhooks().subscribe(PUBLIC_URL + "/" + type, local + type, List.of(type), KEY);
        }
    }

    @AfterEach
    void stop() {
        fake.close();
        receiver.stop(0);
    }

    @Test
    void shouldSellAtTheCounterLowerTheCountAndSendSignedOrderAndPaymentWebhooks() throws Exception {
        BigDecimal before = fake.inStock("OS-0003", PosCatalogBook.BERLIN);

        ObjectNode order = fake.orders().sell(PosCatalogBook.BERLIN, Map.of("OS-0003", 2));

        assertThat(order.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(order.path("line_items").get(0).path("catalog_object_id").asText())
                .isEqualTo(fake.variation("OS-0003").orElseThrow().path("id").asText());
        long price = fake.variation("OS-0003").orElseThrow().at("/item_variation_data/price_money/amount").asLong();
        assertThat(order.at("/total_money/amount").asLong()).isEqualTo(2 * price);
        assertThat(order.at("/total_tax_money/amount").asLong()).isEqualTo(Math.round(2 * price * 19 / 119.0));
        assertThat(fake.inStock("OS-0003", PosCatalogBook.BERLIN)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);

        ObjectMapper json = new ObjectMapper();
        for (Delivery delivery : received) {
            String type = delivery.path().substring(delivery.path().lastIndexOf('/') + 1);
            assertThat(delivery.signature()).isEqualTo(PosWebhooks.sign(KEY, PUBLIC_URL + "/" + type, delivery.body()));
            JsonNode event = json.readTree(delivery.body());
            assertThat(event.path("type").asText()).isEqualTo(type);
            assertThat(event.path("merchant_id").asText()).isEqualTo(PosFake.MERCHANT_ID);
            assertThat(event.path("event_id").asText()).isNotBlank();
            assertThat(event.path("created_at").asText()).isNotBlank();
        }
        JsonNode created = json.readTree(delivery("order.created").body());
        assertThat(created.at("/data/object/order_created/order_id").asText()).isEqualTo(order.path("id").asText());
        assertThat(created.at("/data/object/order_created/location_id").asText()).isEqualTo("L-BERLIN");
        assertThat(json.readTree(delivery("payment.updated").body()).at("/data/object/payment/status").asText()).isEqualTo("COMPLETED");
        assertThat(json.readTree(delivery("payment.created").body()).at("/data/object/payment/status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void shouldTakeAReturnBackIntoStockAndSendACompletedRefund() throws Exception {
        ObjectNode sale = fake.orders().sell(PosCatalogBook.BERLIN, Map.of("OS-0004", 3));
        BigDecimal afterSale = fake.inStock("OS-0004", PosCatalogBook.BERLIN);

        ObjectNode ret = fake.orders().returnItems(sale.path("id").asText(), Map.of("OS-0004", 1));

        assertThat(ret.at("/returns/0/source_order_id").asText()).isEqualTo(sale.path("id").asText());
        assertThat(ret.at("/returns/0/return_amounts/total_money/amount").asLong())
                .isEqualTo(sale.at("/line_items/0/base_price_money/amount").asLong());
        assertThat(fake.inStock("OS-0004", PosCatalogBook.BERLIN)).isEqualByComparingTo(afterSale.add(BigDecimal.ONE));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(d -> d.path().endsWith("refund.updated")));
        JsonNode refund = new ObjectMapper().readTree(delivery("refund.updated").body()).at("/data/object/refund");
        assertThat(refund.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(refund.path("order_id").asText()).isEqualTo(ret.path("id").asText());
    }

    @Test
    void shouldGenerateDemoSalesOfSkusInStock() {
        ObjectNode sale = fake.orders().demoSale(new Random(7)).orElseThrow();

        assertThat(sale.path("line_items").size()).isBetween(1, 3);
        assertThat(sale.path("location_id").asText()).isEqualTo("L-BERLIN");
        assertThat(fake.locations()).singleElement().satisfies(l -> {
            assertThat(l.path("name").asText()).isEqualTo("Berlin Store");
            assertThat(l.path("currency").asText()).isEqualTo("EUR");
        });
    }

    private Delivery delivery(String type) {
        return received.stream().filter(d -> d.path().endsWith("/" + type)).findFirst().orElseThrow();
    }
}
