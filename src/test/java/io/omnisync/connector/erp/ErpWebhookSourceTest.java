package io.omnisync.connector.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The ERP signature: timestamp tolerance in both directions at its exact boundaries, rotation, tampering. */
class ErpWebhookSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String OLD = "erp-old-secret-0123456789";
    private static final String NEW = "erp-new-secret-0123456789";
    private static final byte[] BODY = "{\"receiptId\":\"GR-1\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8);

    private final ErpWebhookSource source = source(List.of(OLD, NEW));

    private static ErpWebhookSource source(List<String> secrets) {
        ErpProperties properties = new ErpProperties();
        properties.setEnabled(true);
        properties.setWebhookSecrets(secrets);
        return new ErpWebhookSource(properties, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static WebhookRequest request(long timestamp, String signature, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("x-omnisync-timestamp", String.valueOf(timestamp));
        headers.add("x-omnisync-signature", signature);
        return new WebhookRequest("erp", "goods-receipt", headers, body, "http://localhost/webhooks/erp/goods-receipt");
    }

    private boolean accepts(String secret, long offsetSeconds) {
        long t = NOW.getEpochSecond() + offsetSeconds;
        return source.verify(request(t, ErpWebhookSource.sign(secret, t, BODY), BODY));
    }

    @Test
    void shouldAcceptWithin299SecondsAndRefuseFrom301InBothDirections() {
        assertThat(accepts(OLD, -299)).isTrue();
        assertThat(accepts(OLD, 299)).isTrue();
        assertThat(accepts(OLD, -301)).isFalse();
        assertThat(accepts(OLD, 301)).isFalse();
    }

    @Test
    void shouldAcceptEitherSecretDuringARotationAndTheOldOneNoMoreAfter() {
        assertThat(accepts(OLD, 0)).isTrue();
        assertThat(accepts(NEW, 0)).isTrue();
        long t = NOW.getEpochSecond();
        String both = ErpWebhookSource.sign("someone-else-0123456789", t, BODY) + "," + ErpWebhookSource.sign(NEW, t, BODY);
        assertThat(source.verify(request(t, both, BODY))).as("one of several v1 values").isTrue();
        ErpWebhookSource after = source(List.of(NEW));
        assertThat(after.verify(request(t, ErpWebhookSource.sign(OLD, t, BODY), BODY))).isFalse();
    }

    @Test
    void shouldRefuseATamperedBodyAMovedTimestampAndMissingHeaders() {
        long t = NOW.getEpochSecond();
        String signature = ErpWebhookSource.sign(OLD, t, BODY);
        byte[] tampered = "{\"receiptId\":\"GR-2\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(source.verify(request(t, signature, tampered))).isFalse();
        assertThat(source.verify(request(t + 1, signature, BODY))).as("the timestamp is signed").isFalse();
        assertThat(source.verify(new WebhookRequest("erp", "goods-receipt", new HttpHeaders(), BODY, "http://localhost/"))).isFalse();
        assertThat(source.verify(request(t, "sha256=" + signature.substring(3), BODY))).isFalse();
    }
}
