package io.omnisync.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.sandbox.magento.WebhookEmitter;
import io.omnisync.support.SandboxTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Regression test for the CVE-2025-27636 family (Camel header injection): headers a webhook sender sets, in any
 * letter case, never reach a Camel exchange, so they cannot steer an endpoint. The route that consumes the event
 * sees omnisync's own headers only.
 */
@SandboxTest
class UntrustedHeadersTest {

    private static final List<String> HOSTILE = List.of("CamelExecCommandExecutable", "camelexeccommandargs",
            "CAMELFILENAME", "CaMeLHttpUri", "camelHttpMethod", "CamelBeanMethodName", "org.apache.camel.Foo");

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    @Test
    void shouldKeepEveryHeaderTheSenderSetOutOfTheRoutes() throws Exception {
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent done
                        && "stock-magento-ledger".equals(done.getExchange().getFromRouteId())) {
                    seen.put(done.getExchange().getIn().getHeader("OmnisyncSourceEventId", String.class),
                            Set.copyOf(done.getExchange().getIn().getHeaders().keySet()));
                }
            }
        });
        String body = "{\"data\":{\"sku\":\"OS-0042\",\"source_code\":\"us_warehouse\",\"quantity\":5,\"status\":1,"
                + "\"updated_at\":\"2026-11-22 10:00:00\",\"version\":424242}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/webhooks/magento/inventory.source_items.updated"))
                .header("Content-Type", "application/json")
                .header(WebhookEmitter.SIGNATURE_HEADER, WebhookEmitter.sign(body.getBytes(StandardCharsets.UTF_8), SandboxTest.SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HOSTILE.forEach(h -> request.header(h, "/bin/sh"));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        String key = "stock:us_warehouse:OS-0042@424242";
        await().atMost(Duration.ofSeconds(15)).until(() -> seen.containsKey(key));
        assertThat(seen.get(key)).allSatisfy(header -> assertThat(header).startsWith("Omnisync"));
        assertThat(seen.get(key).stream().map(String::toLowerCase)).noneMatch(h -> h.startsWith("camel") || h.startsWith("org.apache"));
    }
}
