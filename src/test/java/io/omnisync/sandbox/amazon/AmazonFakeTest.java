package io.omnisync.sandbox.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Amazon fake refuses what Amazon refuses, in SP-API's error envelope. */
class AmazonFakeTest {

    private final AmazonFake fake = AmazonFake.start(AmazonFakeOptions.defaults());
    private final SpApiHttp http = new SpApiHttp(fake);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void shouldRefuseARequestWithoutAnAccessToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                + "/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2025-01-01T00:00:00Z")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"Unauthorized\"").doesNotContain("Exception");
    }

    @Test
    void shouldAnswerWrongClientCredentialsWithInvalidClient() {
        SpApiHttp.Answer answer = http.login("not-the-secret");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void shouldNameTheMissingRequiredFieldOfAShipmentConfirmation() {
        SpApiHttp.Answer answer = http.send("POST", "/orders/v0/orders/113-0000001-0000001/shipmentConfirmation",
                "{\"marketplaceId\":\"ATVPDKIKX0DER\",\"packageDetail\":{\"packageReferenceId\":\"1\",\"carrierCode\":\"UPS\","
                        + "\"shipDate\":\"2025-03-10T09:00:00Z\",\"orderItems\":[{\"orderItemId\":\"1\",\"quantity\":1}]}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").path(0).path("code").asText()).isEqualTo("InvalidInput");
        assertThat(answer.body().path("errors").path(0).path("message").asText()).contains("trackingNumber");
    }

    @Test
    void shouldRequireExactlyOneOfCreatedAfterAndLastUpdatedAfter() {
        SpApiHttp.Answer answer = http.get("/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").path(0).path("message").asText()).contains("LastUpdatedAfter");
    }

    @Test
    void shouldThrottleAnOperationOnceItsBurstIsSpent() {
        int throttled = 0;
        for (int i = 0; i < 25; i++) {
            if (http.get("/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2025-01-01T00:00:00Z").status() == 429) {
                throttled++;
            }
        }

        assertThat(throttled).as("getOrders allows a burst of 20, then 1 per minute").isEqualTo(5);
        assertThat(fake.throttled("getOrders")).isEqualTo(5);
    }

    @Test
    void shouldAnswerInjectedFaultsInTheErrorEnvelope() {
        fake.failNext(1);

        SpApiHttp.Answer answer = http.get("/listings/2021-08-01/items/" + AmazonFakeOptions.SELLER_ID
                + "/OS-0001?marketplaceIds=ATVPDKIKX0DER");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().path("errors").path(0).path("code").asText()).isEqualTo("InternalFailure");
        assertThat(http.get("/listings/2021-08-01/items/" + AmazonFakeOptions.SELLER_ID + "/OS-0001?marketplaceIds=ATVPDKIKX0DER")
                .status()).isEqualTo(200);
    }
}
