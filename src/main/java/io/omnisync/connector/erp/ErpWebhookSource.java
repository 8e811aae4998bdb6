package io.omnisync.connector.erp;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.event.StockReceived;
import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.platform.webhook.WebhookRequest;
import io.omnisync.platform.webhook.WebhookSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * ERP goods receipts at {@code POST /webhooks/erp/goods-receipt}. Headers: {@code X-Omnisync-Timestamp} (Unix
 * seconds) and {@code X-Omnisync-Signature: v1=<hex>} (one or more, comma-separated, during a rotation), where the
 * hex is HMAC-SHA256 keyed by a shared secret over {@code <timestamp>.<raw body>}. A timestamp further than
 * {@code timestamp-tolerance} from omnisync's clock, in either direction, is refused, so a captured delivery cannot
 * be replayed later; within the tolerance each receipt line is deduped by receipt id and line.
 */
public class ErpWebhookSource implements WebhookSource {

    static final String TIMESTAMP_HEADER = "X-Omnisync-Timestamp";
    static final String SIGNATURE_HEADER = "X-Omnisync-Signature";
    static final String GOODS_RECEIPT = "goods-receipt";

    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public ErpWebhookSource(ErpProperties properties, Clock clock) {
        this.secrets = List.copyOf(properties.getWebhookSecrets());
        this.tolerance = properties.getTimestampTolerance();
        this.clock = clock;
    }

    @Override
    public String system() {
        return "erp";
    }

    @Override
    public boolean verify(WebhookRequest request) {
        String timestamp = request.header(TIMESTAMP_HEADER);
        String signature = request.header(SIGNATURE_HEADER);
        if (timestamp == null || signature == null || !timestamp.trim().matches("\\d{1,12}")) {
            return false;
        }
        long seconds = Long.parseLong(timestamp.trim());
        if (Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] signed = HmacSignatures.concat((timestamp.trim() + ".").getBytes(StandardCharsets.US_ASCII), request.body());
        boolean match = false;
        for (String part : signature.split(",")) {
            String value = part.trim();
            // every v1= value is compared (no early exit), each against every secret in constant time
            match |= value.startsWith("v1=") && HmacSignatures.matchesHex(secrets, signed, value.substring(3));
        }
        return match;
    }

    /** The signature header value for a body sent at a time (for tests, tools and the ERP's integrator). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return "v1=" + HmacSignatures.hex(secret, HmacSignatures.concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    @Override
    public Optional<String> mappingFor(String eventName) {
        return GOODS_RECEIPT.equals(eventName) ? Optional.of("stock/goods-receipt-erp-to-canonical.jsonata") : Optional.empty();
    }

    @Override
    public Optional<String> sourceEventId(WebhookRequest request, JsonNode body) {
        String id = body.path("receiptId").asText("");
        return id.isBlank() ? Optional.empty() : Optional.of("receipt:" + id);
    }

    /** One key per receipt line, so a receipt sent again (even with lines added) applies each line once. */
    @Override
    public Optional<String> eventKey(CanonicalEvent event) {
        return event instanceof StockReceived r ? Optional.of("erp-receipt:" + r.receiptId() + ":" + r.line()) : Optional.empty();
    }
}
