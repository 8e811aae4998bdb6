package io.omnisync.sandbox.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fake on its own: demo orders and the token endpoint's answers, over raw HTTP. */
class EbayFakeTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldGenerateDemoOrdersFromLiveListingsAndLowerTheirQuantity() {
        try (EbayFake fake = EbayFake.start(EbayFakeOptions.defaults())) {
            String orderId = fake.orders().generateOrder(new Random(7)).orElseThrow();

            JsonNode order = fake.orders().order(orderId).orElseThrow();
            JsonNode line = order.path("lineItems").get(0);
            String marketplace = line.path("listingMarketplaceId").asText();
            String sku = line.path("sku").asText();
            assertThat(order.path("orderFulfillmentStatus").asText()).isEqualTo("NOT_STARTED");
            assertThat(order.at("/pricingSummary/total/currency").asText())
                    .isEqualTo(marketplace.equals("EBAY_DE") ? "EUR" : "USD");
            assertThat(fake.listings().offers(sku, marketplace).get(0).at("/listing/soldQuantity").asInt())
                    .isEqualTo(line.path("quantity").asInt());
        }
    }

    @Test
    void shouldAnswerTokenRequestsTheWayEbaysOAuthEndpointDoes() throws Exception {
        try (EbayFake fake = EbayFake.start(EbayFakeOptions.defaults())) {
            String basic = Base64.getEncoder().encodeToString((fake.options().clientId() + ":"
                    + fake.options().clientSecret()).getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> ok = token(fake, basic, fake.options().refreshToken());
            HttpResponse<String> wrongToken = token(fake, basic, "v^1.1#r^1#other");
            HttpResponse<String> wrongClient = token(fake, "bm9ib2R5Om5vdGhpbmc=", fake.options().refreshToken());

            JsonNode granted = new ObjectMapper().readTree(ok.body());
            assertThat(granted.path("expires_in").asLong()).isEqualTo(7200);
            assertThat(granted.path("token_type").asText()).isEqualTo("User Access Token");
            assertThat(wrongToken.statusCode()).isEqualTo(400);
            assertThat(wrongToken.body()).contains("\"error\":\"invalid_grant\"");
            assertThat(wrongClient.statusCode()).isEqualTo(401);
            assertThat(wrongClient.body()).contains("\"error\":\"invalid_client\"");
            assertThat(fake.tokensIssued()).isEqualTo(1);
        }
    }

    private HttpResponse<String> token(EbayFake fake, String basic, String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://api.ebay.com/oauth/api_scope/sell.inventory", StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(fake.tokenUrl())).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
