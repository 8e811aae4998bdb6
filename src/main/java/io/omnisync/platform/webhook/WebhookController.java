package io.omnisync.platform.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.config.PlatformProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/<system>/<event>}: reads at most the configured body size, then hands over to the ingress.
 * The answer is the source's {@link WebhookSource#reply}; a refusal is a problem body that the source may add to
 * ({@link WebhookSource#describeProblem}, found by the problem handler under {@link #SOURCE_ATTRIBUTE}).
 */
@RestController
public class WebhookController {

    /** Request attribute holding the {@link WebhookSource} a delivery is addressed to. */
    public static final String SOURCE_ATTRIBUTE = WebhookController.class.getName() + ".source";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookIngress ingress;
    private final long maxBodyBytes;
    private final WebhookMetrics metrics;

    public WebhookController(WebhookIngress ingress, PlatformProperties properties, MeterRegistry registry) {
        this.ingress = ingress;
        this.maxBodyBytes = properties.getWebhooks().getMaxBodySize().toBytes();
        this.metrics = new WebhookMetrics(registry);
    }

    @PostMapping("/webhooks/{system}/{event}")
    public ResponseEntity<Object> receive(@PathVariable String system, @PathVariable String event,
                                                  @RequestHeader HttpHeaders headers, HttpServletRequest http)
            throws IOException {
        Optional<WebhookSource> source = ingress.source(system);
        source.ifPresent(s -> http.setAttribute(SOURCE_ATTRIBUTE, s));
        byte[] body;
        try {
            body = readBounded(http);
        } catch (WebhookRejected tooLarge) {
            // refused before the ingress sees it: counted and logged here like every other refusal
            metrics.rejected(source.isPresent() ? system : "unknown", tooLarge.slug());
            LOG.warn("webhook {}/{} rejected with {} {}: {}", system, event, tooLarge.status().value(), tooLarge.slug(),
                    tooLarge.getMessage());
            throw tooLarge;
        }
        WebhookOutcome outcome = ingress.receive(new WebhookRequest(system, event, headers, body,
                http.getRequestURL().toString()));
        return ResponseEntity.ok(source.<Object>map(s -> s.reply(outcome)).orElse(outcome));
    }

    private byte[] readBounded(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(http.getContentLengthLong(), 65_536)));
        byte[] buffer = new byte[8192];
        try (InputStream in = http.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private WebhookRejected tooLarge() {
        return new WebhookRejected(HttpStatus.PAYLOAD_TOO_LARGE, "too-large",
                "the body is larger than " + maxBodyBytes + " bytes (omnisync.webhooks.max-body-size)");
    }
}
