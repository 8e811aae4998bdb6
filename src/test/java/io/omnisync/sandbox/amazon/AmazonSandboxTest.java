package io.omnisync.sandbox.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.connector.amazon.AmazonListings;
import io.omnisync.connector.amazon.AmazonOrders;
import io.omnisync.support.SandboxTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** The sandbox profile starts the Amazon fake with generated credentials and points the connector at it. */
@SandboxTest
class AmazonSandboxTest {

    @LocalServerPort
    int port;

    @Autowired
    AmazonFake fake;

    @Autowired
    AmazonOrders orders;

    @Autowired
    AmazonListings listings;

    @Autowired
    Environment environment;

    @Test
    void shouldConnectTheAmazonConnectorToTheFakeWithGeneratedCredentials() throws Exception {
        String secret = environment.getProperty("omnisync.sandbox.amazon.client-secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        FakeOrder order = fake.orders().placeOrder(AmazonSeed.DE, FakeOrder.Status.Unshipped,
                List.of(new OrderDesk.Line("OS-0005", 1)));

        assertThat(orders.updatedSince(Instant.now().minusSeconds(60)).map(o -> o.path("AmazonOrderId").asText()))
                .contains(order.amazonOrderId());
        assertThat(listings.get("OS-0005", AmazonSeed.DE).currency()).isEqualTo("EUR");

        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"amazon\":{\"status\":\"UP\"").doesNotContain(secret);
    }
}
