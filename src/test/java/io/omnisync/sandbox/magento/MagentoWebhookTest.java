package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.sandbox.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MagentoWebhookTest {

    private final MagentoFake fake = MagentoFake.start(MagentoFakeOptions.defaults());
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        fake.close();
        receiver.close();
    }

    private static String hmacHex(byte[] body, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void webhookIsSignedOverTheRawBodyAndRetriedAfterA500() throws Exception {
        receiver = new WebhookReceiver(1);
        fake.subscribe("inventory.source_items.updated", receiver.url("/stock"), "tok3n");

        fake.store().setSourceQuantity("OS-0003", "eu_warehouse", 55);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.successful("/stock").size() == 1);
        assertThat(receiver.deliveries()).hasSize(2);
        WebhookReceiver.Delivery first = receiver.deliveries().get(0);
        WebhookReceiver.Delivery retry = receiver.deliveries().get(1);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.signature()).isEqualTo(hmacHex(retry.body(), "tok3n"));
        assertThat(retry.contentType()).startsWith("application/json");
        JsonNode data = JsonHttp.MAPPER.readTree(retry.body()).path("data");
        assertThat(data.path("sku").asText()).isEqualTo("OS-0003");
        assertThat(data.path("source_code").asText()).isEqualTo("eu_warehouse");
        assertThat(data.path("quantity").asInt()).isEqualTo(55);
        assertThat(data.path("version").asLong()).isGreaterThan(1);
        // the emitter counts a delivery after the receiver has answered it
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.webhooks().delivered() == 1);
        assertThat(fake.webhooks().retried()).isEqualTo(1);
    }

    @Test
    void orderWebhookBodyUsesPhpEscapingSoReceiversMustVerifyRawBytes() throws Exception {
        receiver = new WebhookReceiver(0);
        RestClient rest = new RestClient(fake.baseUrl(), null);
        String subscription = "{\"asyncEvent\":{\"event_name\":\"sales.order.created\",\"recipient_url\":\""
                + receiver.url("/orders") + "\",\"verification_token\":\"abc\",\"metadata\":\"http\"}}";
        assertThat(rest.post("/rest/all/V1/async_event", subscription).status()).isEqualTo(200);

        fake.store().placeOrder("eu_fr", Map.of("OS-0005", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.successful("/orders").size() == 1);
        WebhookReceiver.Delivery d = receiver.successful("/orders").get(0);
        String raw = new String(d.body(), StandardCharsets.US_ASCII);
        assertThat(raw).startsWith("{\"data\":{").contains("\\u00e7").contains("Terre cuite");
        assertThat(d.signature()).isEqualTo(hmacHex(d.body(), "abc"));
        JsonNode data = JsonHttp.MAPPER.readTree(d.body()).path("data");
        assertThat(data.path("store_id").asInt()).isEqualTo(3);
        assertThat(data.path("order_currency_code").asText()).isEqualTo("EUR");
    }

    @Test
    void productUpdateWebhookCarriesTheStoreViewScope() throws Exception {
        receiver = new WebhookReceiver(0);
        fake.subscribe("catalog.product.updated", receiver.url("/products"), "k");

        fake.store().updateProduct("eu_de", "OS-0010", Map.of("name", "Tasche"));

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.successful("/products").size() == 1);
        JsonNode data = JsonHttp.MAPPER.readTree(receiver.successful("/products").get(0).body()).path("data");
        assertThat(data.path("sku").asText()).isEqualTo("OS-0010");
        assertThat(data.path("name").asText()).isEqualTo("Tasche");
        assertThat(data.path("store_id").asInt()).isEqualTo(2);
        assertThat(data.path("store_code").asText()).isEqualTo("eu_de");
    }

    @Test
    void demoTrafficProducesChangesAndWebhooks() {
        receiver = new WebhookReceiver(0);
        for (String event : new String[] {"inventory.source_items.updated", "sales.order.created",
                "catalog.product.updated"}) {
            fake.subscribe(event, receiver.url("/" + event), "demo");
        }
        MagentoDemoTraffic traffic = new MagentoDemoTraffic(fake, new SplittableRandom(7));

        for (int i = 0; i < 60; i++) {
            traffic.tick();
        }

        assertThat(fake.webhooks().emitted()).isGreaterThanOrEqualTo(50);
        assertThat(fake.store().orders()).isNotEmpty();
        assertThat(fake.store().reservations()).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(receiver.successful("/inventory.source_items.updated")).isNotEmpty();
            assertThat(receiver.successful("/sales.order.created")).isNotEmpty();
            assertThat(receiver.successful("/catalog.product.updated")).isNotEmpty();
            assertThat(fake.webhooks().delivered()).isEqualTo(receiver.deliveries().size());
        });
    }
}
