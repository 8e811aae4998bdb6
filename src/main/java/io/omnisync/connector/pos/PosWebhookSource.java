package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.platform.webhook.WebhookRequest;
import io.omnisync.platform.webhook.WebhookSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Square webhooks at {@code POST /webhooks/pos/<event type>}: header {@code x-square-hmacsha256-signature} = base64
 * HMAC-SHA256, keyed by the subscription's signature key, of the notification URL followed by the raw body. The URL
 * is the configured public one ({@code notification-urls} + {@code /<event type>}), never rebuilt from the request,
 * whose host and scheme a proxy may change; every configured URL and key is tried, in constant time per
 * comparison. Deliveries are deduped by Square's {@code event_id}, which its retries keep.
 */
public class PosWebhookSource implements WebhookSource {

    static final String SIGNATURE_HEADER = "x-square-hmacsha256-signature";

    /** Event types omnisync subscribes to, and the mapping each goes through. */
    static final Map<String, String> MAPPINGS = Map.of(
            "order.created", "orders/order-pos-to-canonical.jsonata",
            "order.updated", "orders/order-pos-to-canonical.jsonata",
            "payment.created", "payments/payment-pos-to-canonical.jsonata",
            "payment.updated", "payments/payment-pos-to-canonical.jsonata",
            "refund.created", "payments/refund-pos-to-canonical.jsonata",
            "refund.updated", "payments/refund-pos-to-canonical.jsonata");

    private final List<String> notificationUrls;
    private final List<String> keys;

    public PosWebhookSource(PosProperties properties) {
        this.notificationUrls = List.copyOf(properties.getNotificationUrls());
        this.keys = List.copyOf(properties.getWebhookSecrets());
    }

    @Override
    public String system() {
        return "pos";
    }

    @Override
    public boolean verify(WebhookRequest request) {
        String header = request.header(SIGNATURE_HEADER);
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] provided = header.trim().getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String url : notificationUrls) {
            byte[] signed = HmacSignatures.concat((url + "/" + request.eventName()).getBytes(StandardCharsets.UTF_8), request.body());
            for (String key : keys) {
                byte[] expected = Base64.getEncoder().encode(HmacSignatures.hmacSha256(key, signed));
                match |= MessageDigest.isEqual(expected, provided);
            }
        }
        return match;
    }

    /** The Base64 signature Square sends for a body delivered to a notification URL (for tests and tools). */
    public static String sign(String key, String notificationUrl, byte[] body) {
        return Base64.getEncoder().encodeToString(HmacSignatures.hmacSha256(key,
                HmacSignatures.concat(notificationUrl.getBytes(StandardCharsets.UTF_8), body)));
    }

    @Override
    public Optional<String> mappingFor(String eventName) {
        return Optional.ofNullable(MAPPINGS.get(eventName));
    }

    /** Square's {@code event_id}: the same for every retry of one event. */
    @Override
    public Optional<String> sourceEventId(WebhookRequest request, JsonNode body) {
        String id = body.path("event_id").asText("");
        return id.isBlank() ? Optional.empty() : Optional.of(id);
    }
}
