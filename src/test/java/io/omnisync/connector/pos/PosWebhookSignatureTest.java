package io.omnisync.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.webhook.WebhookRequest;
import io.omnisync.sandbox.pos.PosWebhooks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Square's signature: Base64 HMAC-SHA256 of the configured notification URL and the raw body, every key tried. */
class PosWebhookSignatureTest {

    private static final String KEY = "b2Zfa2V5X29uZV9mb3JfcG9z";
    private static final String NEW_KEY = "bmV3X2tleV9hZnRlcl9yb3Rh";
    private static final String PUBLIC = "https://omnisync.example.com/webhooks/pos";
    private static final byte[] BODY = ("{\"merchant_id\":\"ML0MNISYNC0001\",\"type\":\"order.created\",\"event_id\":\"e-1\","
            + "\"created_at\":\"2026-11-22T10:15:02Z\",\"data\":{\"type\":\"order\",\"id\":\"ORD-1\",\"object\":"
            + "{\"order_created\":{\"order_id\":\"ORD-1\",\"version\":1,\"location_id\":\"L-BERLIN\",\"state\":\"COMPLETED\"}}}}")
            .getBytes(StandardCharsets.UTF_8);

    private final PosWebhookSource source = source(List.of(KEY));

    @Test
    void shouldAcceptTheSignatureOfTheConfiguredUrlWhateverHostTheRequestCameIn() {
        String signature = PosWebhooks.sign(KEY, PUBLIC + "/order.created", BODY);

        assertThat(source.verify(request("order.created", signature, "http://10.0.0.7:8080/webhooks/pos/order.created")))
                .isTrue();
        assertThat(PosWebhookSource.sign(KEY, PUBLIC + "/order.created", BODY)).as("connector and fake agree").isEqualTo(signature);
    }

    @Test
    void shouldRefuseAForgedOrMissingSignatureAndATamperedBody() {
        String signature = PosWebhooks.sign("not-the-key", PUBLIC + "/order.created", BODY);
        assertThat(source.verify(request("order.created", signature, null))).isFalse();
        assertThat(source.verify(request("order.created", null, null))).isFalse();

        String genuine = PosWebhooks.sign(KEY, PUBLIC + "/order.created", BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("ORD-1", "ORD-2").getBytes(StandardCharsets.UTF_8);
        assertThat(source.verify(new WebhookRequest("pos", "order.created", headers(genuine), tampered, null))).isFalse();
    }

    @Test
    void shouldRefuseASignatureMadeForAnotherUrlOrAnotherEventType() {
        assertThat(source.verify(request("order.created", PosWebhooks.sign(KEY, "https://evil.example.com/webhooks/pos/order.created", BODY), null)))
                .isFalse();
        assertThat(source.verify(request("order.created", PosWebhooks.sign(KEY, PUBLIC + "/order.updated", BODY), null)))
                .as("a delivery replayed to another event's URL").isFalse();
        assertThat(source.verify(request("order.created", PosWebhooks.sign(KEY, PUBLIC, BODY), null))).isFalse();
    }

    @Test
    void shouldAcceptBothKeysDuringARotation() {
        PosWebhookSource rotating = source(List.of(KEY, NEW_KEY));

        assertThat(rotating.verify(request("order.created", PosWebhooks.sign(KEY, PUBLIC + "/order.created", BODY), null))).isTrue();
        assertThat(rotating.verify(request("order.created", PosWebhooks.sign(NEW_KEY, PUBLIC + "/order.created", BODY), null))).isTrue();
        assertThat(source.verify(request("order.created", PosWebhooks.sign(NEW_KEY, PUBLIC + "/order.created", BODY), null)))
                .as("the new key before it is configured").isFalse();
    }

    @Test
    void shouldKeyDeliveriesBySquaresEventIdAndMapEveryEventItSubscribes() throws Exception {
        assertThat(source.sourceEventId(request("order.created", "x", null), new ObjectMapper().readTree(BODY))).contains("e-1");
        assertThat(source.mappingFor("order.updated")).contains("orders/order-pos-to-canonical.jsonata");
        assertThat(source.mappingFor("payment.updated")).contains("payments/payment-pos-to-canonical.jsonata");
        assertThat(source.mappingFor("refund.created")).contains("payments/refund-pos-to-canonical.jsonata");
        assertThat(source.mappingFor("inventory.count.updated")).isEmpty();
    }

    private static PosWebhookSource source(List<String> keys) {
        PosProperties properties = new PosProperties();
        properties.setWebhookSecrets(keys);
        properties.setNotificationUrls(List.of("https://old-host.example.com/webhooks/pos", PUBLIC));
        return new PosWebhookSource(properties);
    }

    private static WebhookRequest request(String event, String signature, String url) {
        return new WebhookRequest("pos", event, headers(signature), BODY, url);
    }

    private static HttpHeaders headers(String signature) {
        HttpHeaders headers = new HttpHeaders();
        if (signature != null) {
            headers.add("X-Square-HmacSha256-Signature", signature);
        }
        return headers;
    }
}
