package io.omnisync.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.mapping.Mappings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Regression: webhooks that arrive while omnisync is still starting (Tomcat accepts before Camel has started)
 * were answered 422 "CamelContext is stopped", a permanent refusal; they must get 503 so the sender retries.
 */
class WebhookIngressStartingTest {

    @Test
    void shouldAnswer503AndStoreNothingWhileCamelIsNotStarted() {
        DefaultCamelContext camel = new DefaultCamelContext(); // built, not started
        Mappings mappings = new Mappings(camel.createProducerTemplate(), Path.of("mappings"), true);
        WebhookSource source = new WebhookSource() {
            @Override
            public String system() {
                return "magento";
            }

            @Override
            public boolean verify(WebhookRequest request) {
                return true;
            }

            @Override
            public Optional<String> mappingFor(String eventName) {
                return Optional.of("stock/stock-magento-to-canonical.jsonata");
            }
        };
        // no journal: nothing may be stored, so reaching it would fail the test
        WebhookIngress ingress = new WebhookIngress(List.of(source), new ObjectMapper(),
                new Normaliser(mappings, new ObjectMapper()), null, new BusSignal(), new WebhookMetrics(new SimpleMeterRegistry()));

        WebhookRejected rejected = catchThrowableOfType(WebhookRejected.class, () -> ingress.receive(new WebhookRequest(
                "magento", "inventory.source_items.updated", new HttpHeaders(), "{\"data\":{}}".getBytes(StandardCharsets.UTF_8), "")));

        assertThat(rejected.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(rejected.slug()).isEqualTo("starting");
    }
}
