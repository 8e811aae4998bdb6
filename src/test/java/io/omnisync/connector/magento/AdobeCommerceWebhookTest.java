package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.sandbox.SandboxProperties;
import io.omnisync.sandbox.magento.AdobeCommerceHooks;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import io.omnisync.support.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Adobe Commerce synchronous webhooks end to end: signature, reply contract, journal under source magento, shared dedupe. */
@SandboxTest
class AdobeCommerceWebhookTest {

    private static final String PRODUCT_SAVE = "observer.catalog_product_save_after";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MagentoFake magento;
    @Autowired
    SandboxProperties sandbox;

    Webhooks webhooks;
    PrivateKey commerceKey;

    @BeforeEach
    void setUp() {
        webhooks = new Webhooks(port);
        commerceKey = AdobeCommerceHooks.readPrivateKey(sandbox.getMagento().getAdobeCommercePrivateKey());
    }

    @Test
    void shouldAnswerOpSuccessAndJournalProductAndPriceUnderSourceMagentoForAValidSignature() throws IOException {
        HttpResponse<String> response = webhooks.adobeCommerce(PRODUCT_SAVE,
                productSave("OS-0020", 2, "Rucksack", "24.5000", "2026-12-01 10:00:00"), commerceKey);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"op\":\"success\"}"));
        assertThat(journal("product:eu_de:OS-0020@2026-12-01T10:00:00Z")).isEqualTo("ProductChanged");
        assertThat(journal("price:eu_de:OS-0020@2026-12-01T10:00:00Z")).isEqualTo("PriceChanged");
        assertThat(jdbc.queryForObject("SELECT payload FROM journal WHERE source = 'magento' AND source_event_id = ?",
                String.class, "price:eu_de:OS-0020@2026-12-01T10:00:00Z")).contains("\"currency\":\"EUR\"").contains("24.5");
    }

    @Test
    void shouldRefuseAForgedTamperedOrMissingSignatureWith401AndOpExceptionAndStoreNothing() throws IOException {
        String body = productSave("OS-0022", 1, "Forged", "1.0000", "2026-12-02 10:00:00");
        // counted for this SKU only: the shared context's pollers may journal other changes meanwhile
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE entity_key = 'OS-0022'", Long.class);
        PrivateKey stranger = AdobeCommerceHooks.generateKeyPair().getPrivate();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] tampered = body.replace("\"1.0000\"", "\"0.0100\"").getBytes(StandardCharsets.UTF_8);
        String path = "/webhooks/adobe-commerce/" + PRODUCT_SAVE;
        String header = AdobeCommerceHooks.SIGNATURE_HEADER;

        HttpResponse<String> forged = webhooks.adobeCommerce(PRODUCT_SAVE, body, stranger);
        HttpResponse<String> modified = webhooks.post(path, tampered, header, AdobeCommerceHooks.sign(bytes, commerceKey));
        HttpResponse<String> unsigned = webhooks.post(path, bytes, header, null);
        HttpResponse<String> notBase64 = webhooks.post(path, bytes, header, "%%%not-base64%%%");
        // the signature must cover base64(body), not the raw body
        HttpResponse<String> rawSigned = webhooks.post(path, bytes, header, signRaw(bytes, commerceKey));

        for (HttpResponse<String> response : new HttpResponse[] {forged, modified, unsigned, notBase64, rawSigned}) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("op").asText()).isEqualTo("exception");
            assertThat(problem.path("message").asText()).isEqualTo(problem.path("detail").asText()).contains("signature");
            assertThat(problem.path("type").asText()).isEqualTo("urn:omnisync:problem:signature");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE entity_key = 'OS-0022'", Long.class)).isEqualTo(before);
    }

    @Test
    void shouldAcceptEitherConfiguredPublicKeyDuringARotation() throws IOException {
        PrivateKey rotated = AdobeCommerceHooks.readPrivateKey(Files.readString(Path.of(SandboxTest.ROTATED_PRIVATE_KEY_FILE)));

        HttpResponse<String> withCurrent = webhooks.adobeCommerce(PRODUCT_SAVE,
                productSave("OS-0023", 1, "Current key", "3.0000", "2026-12-03 10:00:00"), commerceKey);
        HttpResponse<String> withRotated = webhooks.adobeCommerce(PRODUCT_SAVE,
                productSave("OS-0023", 1, "Rotated key", "3.5000", "2026-12-03 10:00:01"), rotated);

        assertThat(withCurrent.statusCode()).as(withCurrent.body()).isEqualTo(200);
        assertThat(withRotated.statusCode()).as(withRotated.body()).isEqualTo(200);
        assertThat(journal("product:default:OS-0023@2026-12-03T10:00:00Z")).isEqualTo("ProductChanged");
        assertThat(journal("product:default:OS-0023@2026-12-03T10:00:01Z")).isEqualTo("ProductChanged");
    }

    @Test
    void shouldJournalAProductChangeOnceWhenAsyncEventsAndAnAdobeWebhookBothReportIt() {
        String asyncEvent = "{\"data\":{\"id\":21,\"sku\":\"OS-0021\",\"name\":\"Vase\",\"price\":19.9,\"status\":1,"
                + "\"updated_at\":\"2026-12-04 10:00:00\",\"custom_attributes\":[{\"attribute_code\":\"special_price\","
                + "\"value\":\"15.0000\"}],\"store_id\":3,\"store_code\":\"eu_fr\"}}";
        String adobeWebhook = "{\"eventName\":\"catalog_product_save_after\",\"data\":{\"product\":{\"store_id\":\"3\","
                + "\"entity_id\":\"21\",\"sku\":\"OS-0021\",\"name\":\"Vase\",\"price\":\"19.900000\",\"status\":\"1\","
                + "\"special_price\":\"15.0000\",\"updated_at\":\"2026-12-04 10:00:00\"},\"data_object\":{}}}";

        HttpResponse<String> first = webhooks.magento("catalog.product.updated", asyncEvent, SandboxTest.SECRET);
        HttpResponse<String> second = webhooks.adobeCommerce(PRODUCT_SAVE, adobeWebhook, commerceKey);

        assertThat(first.body()).contains("\"accepted\":2");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("{\"op\":\"success\"}");
        assertThat(journalRows("%:eu_fr:OS-0021@2026-12-04T10:00:00Z")).isEqualTo(2);
    }

    @Test
    void shouldJournalAChangeInTheFakeOnceThoughBothMagentoDialectsDeliverIt() {
        long adobeBefore = magento.adobeCommerceHooks().succeeded();
        long asyncBefore = magento.webhooks().delivered();

        JsonNode saved = magento.store().updateProduct("eu_de", "OS-0024", Map.of("name", "Zwei Wege"));

        String updated = saved.path("updated_at").asText().replace(' ', 'T') + "Z";
        await().atMost(Duration.ofSeconds(10)).until(() -> magento.adobeCommerceHooks().succeeded() > adobeBefore
                && magento.webhooks().delivered() > asyncBefore);
        assertThat(journalRows("product:eu_de:OS-0024@" + updated)).isEqualTo(1);
        assertThat(journalRows("price:eu_de:OS-0024@" + updated)).isEqualTo(1);
        assertThat(magento.adobeCommerceHooks().replies()).anySatisfy(reply -> {
            assertThat(reply.method()).isEqualTo(PRODUCT_SAVE);
            assertThat(reply.success()).isTrue();
        });
    }

    @Test
    void shouldJournalAnOrderPlacedInTheFakeOnceThoughBothMagentoDialectsDeliverIt() {
        long adobeBefore = magento.adobeCommerceHooks().succeeded();
        long asyncBefore = magento.webhooks().delivered();

        JsonNode order = magento.store().placeOrder("eu_de", Map.of("OS-0025", 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> magento.adobeCommerceHooks().succeeded() > adobeBefore
                && magento.webhooks().delivered() > asyncBefore);
        assertThat(journalRows("order-placed:" + order.path("entity_id").asText())).isEqualTo(1);
        assertThat(journal("order-placed:" + order.path("entity_id").asText())).isEqualTo("OrderPlaced");
    }

    @Test
    void shouldAddOpExceptionToEveryRefusalKeepingItsStatus() throws IOException {
        HttpResponse<String> malformed = webhooks.adobeCommerce(PRODUCT_SAVE, "{not json", commerceKey);
        HttpResponse<String> unknownHook = webhooks.adobeCommerce("observer.customer_login", "{}", commerceKey);
        HttpResponse<String> unmappable = webhooks.adobeCommerce("observer.sales_order_save_after",
                "{\"eventName\":\"sales_order_save_after\",\"data\":{\"order\":{\"state\":\"processing\"}}}", commerceKey);

        assertOpException(malformed, 400, "malformed-json");
        assertOpException(unknownHook, 404, "unknown-event");
        assertOpException(unmappable, 422, "unmappable");
    }

    private void assertOpException(HttpResponse<String> response, int status, String slug) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:omnisync:problem:" + slug);
        assertThat(problem.path("op").asText()).isEqualTo("exception");
        assertThat(problem.path("message").asText()).isNotBlank().isEqualTo(problem.path("detail").asText());
    }

    /** A product save as Commerce's default payload carries it: model data, flat attributes, store_id only. */
    private static String productSave(String sku, int storeId, String name, String price, String updatedAt) {
        return "{\"eventName\":\"catalog_product_save_after\",\"data\":{\"product\":{\"store_id\":" + storeId
                + ",\"entity_id\":\"" + sku.substring(3) + "\",\"type_id\":\"simple\",\"sku\":\"" + sku + "\",\"name\":\""
                + name + "\",\"price\":\"" + price + "\",\"status\":\"1\",\"updated_at\":\"" + updatedAt
                + "\",\"extension_attributes\":{},\"stock_data\":{}},\"data_object\":{}}}";
    }

    private static String signRaw(byte[] body, PrivateKey key) {
        try {
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event type journalled under source magento with this key; null when none. */
    private String journal(String sourceEventId) {
        return jdbc.query("SELECT event_type FROM journal WHERE source = 'magento' AND source_event_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, sourceEventId);
    }

    private long journalRows(String sourceEventIdPattern) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE source_event_id LIKE ?", Long.class, sourceEventIdPattern);
    }
}
