package io.omnisync.sandbox.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fake validates against classpath copies of eBay's contracts, byte for byte the shared ones. */
class EbayContractCopyTest {

    private static final Path SHARED = Path.of("../shared/contracts/ebay");

    @ParameterizedTest
    @ValueSource(strings = {"sell_inventory_v1_oas3.json", "sell_fulfillment_v1_oas3.json",
        "commerce_notification_v1_oas3.json"})
    void classpathContractIsAByteForByteCopyOfTheSharedOne(String name) throws Exception {
        assumeTrue(Files.isRegularFile(SHARED.resolve(name)), "shared contracts folder not present on this machine");
        byte[] copy;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/ebay/" + name)) {
            assertThat(in).as("classpath contract " + name).isNotNull();
            copy = in.readAllBytes();
        }
        assertThat(copy).isEqualTo(Files.readAllBytes(SHARED.resolve(name)));
    }

    @Test
    void anExplicitContractFolderIsUsedForValidation() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "shared contracts folder not present on this machine");
        try (EbayFake fake = EbayFake.start(EbayFakeOptions.defaults().withContractDir(SHARED))) {
            HttpClient http = HttpClient.newHttpClient();
            String basic = java.util.Base64.getEncoder().encodeToString((fake.options().clientId() + ":"
                    + fake.options().clientSecret()).getBytes());
            String form = "grant_type=refresh_token&refresh_token="
                    + java.net.URLEncoder.encode(fake.options().refreshToken(), "UTF-8");
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(fake.tokenUrl()))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String bearer = "Bearer " + new com.fasterxml.jackson.databind.ObjectMapper().readTree(token.body())
                    .path("access_token").asText();

            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                    + "/sell/fulfillment/v1/order/1/shipping_fulfillment")).header("Authorization", bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lineItems\":[{\"lineItemId\":\"1\",\"quantity\":\"one\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("\"errorId\":2004").contains("lineItems[0].quantity")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
