package io.omnisync.connector.magento;

import io.omnisync.platform.outbound.TestOutbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.magento.MagentoFakeOptions;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Magento REST client against the contract-checking Magento fake: paging, chunking, errors. */
class MagentoClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "client-test-token-0123456789";
    private static final MagentoFakeOptions.OAuth INTEGRATION = new MagentoFakeOptions.OAuth("consumer-key-1",
            "consumer-secret-1", TOKEN, "token-secret-1");

    private static MagentoFake fake;
    private static MagentoClient client;

    @BeforeAll
    static void start() {
        fake = MagentoFake.start(MagentoFakeOptions.defaults().withOAuth(INTEGRATION));
        client = new MagentoClient(properties(fake.baseUrl()), JSON, TestOutbound.loopback());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static MagentoProperties properties(String baseUrl) {
        MagentoProperties properties = new MagentoProperties();
        properties.setEnabled(true);
        properties.setBaseUrl(baseUrl);
        properties.setConsumerKey(INTEGRATION.consumerKey());
        properties.setConsumerSecret(INTEGRATION.consumerSecret());
        properties.setAccessToken(INTEGRATION.token());
        properties.setAccessTokenSecret(INTEGRATION.tokenSecret());
        return properties;
    }

    @Test
    void shouldStreamEveryProductOnceInEntityOrderAndStopOnTotalCount() {
        long before = fake.requests("GET", "/V1/products");

        List<JsonNode> products = MagentoSearch.of("/V1/products").stream(client, "default", 7).toList();

        assertThat(products).hasSize(50);
        assertThat(products).extracting(p -> p.path("sku").asText()).doesNotHaveDuplicates();
        assertThat(products).extracting(p -> p.path("id").asInt()).isSorted();
        // 50 items in pages of 7: 8 pages. Asking for a 9th would get page 8 again (Magento's paging trap).
        assertThat(fake.requests("GET", "/V1/products") - before).isEqualTo(8);
    }

    @Test
    void shouldFetchTheNextPageOnlyWhenTheStreamReachesIt() {
        long before = fake.requests("GET", "/V1/products");

        List<JsonNode> firstThree = MagentoSearch.of("/V1/products").stream(client, "eu_de", 7).limit(3).toList();

        assertThat(firstThree).hasSize(3);
        assertThat(fake.requests("GET", "/V1/products") - before).isEqualTo(1);
    }

    @Test
    void shouldFilterAndReadStoreViewValues() {
        List<JsonNode> none = MagentoSearch.of("/V1/products").where("updated_at", "gteq", "2099-01-01 00:00:00")
                .stream(client, "default", 20).toList();
        List<JsonNode> one = MagentoSearch.of("/V1/products").where("sku", "eq", "OS-0002")
                .stream(client, "eu_fr", 20).toList();

        assertThat(none).isEmpty();
        assertThat(one).singleElement().satisfies(p -> assertThat(p.path("name").asText())
                .isEqualTo(fake.store().product("eu_fr", "OS-0002").orElseThrow().path("name").asText()));
    }

    @Test
    void shouldRefuseAPageLargerThanMagentoAccepts() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> MagentoSearch.of("/V1/products").stream(client, "default", 301))).hasMessageContaining("1 to 300");
    }

    @Test
    void shouldSaveSourceItemsInChunksMagentoAccepts() {
        List<ObjectNode> items = new ArrayList<>();
        IntStream.rangeClosed(1, 45).forEach(i -> items.add(JSON.createObjectNode()
                .put("sku", String.format("OS-%04d", i)).put("source_code", "eu_warehouse").put("quantity", 100 + i).put("status", 1)));
        long before = fake.requests("POST", "/V1/inventory/source-items");

        List<JsonNode> answers = client.postInChunks("default", "/V1/inventory/source-items", "sourceItems", items);

        assertThat(answers).hasSize(3);
        assertThat(fake.requests("POST", "/V1/inventory/source-items") - before).isEqualTo(3);
        assertThat(fake.store().sourceQuantity("OS-0045", "eu_warehouse")).hasValueSatisfying(
                q -> assertThat(q).isEqualByComparingTo(BigDecimal.valueOf(145)));
        assertThat(fake.store().sourceQuantity("OS-0001", "eu_warehouse")).hasValueSatisfying(
                q -> assertThat(q).isEqualByComparingTo(BigDecimal.valueOf(101)));
    }

    @Test
    void shouldTurnMagentosErrorEnvelopeIntoAReadableClassifiedError() {
        ObjectNode tooMany = JSON.createObjectNode();
        IntStream.rangeClosed(1, 21).forEach(i -> tooMany.withArray("sourceItems").addObject()
                .put("sku", String.format("OS-%04d", i)).put("source_code", "us_warehouse").put("quantity", 1).put("status", 1));

        IntegrationException missing = catchThrowableOfType(IntegrationException.class,
                () -> client.get("/V1/products/NO-SUCH-SKU"));
        IntegrationException limit = catchThrowableOfType(IntegrationException.class,
                () -> client.post("default", "/V1/inventory/source-items", tooMany));

        assertThat(missing.errorClass()).isEqualTo(ErrorClass.MISSING);
        assertThat(missing).hasMessageContaining("404").hasMessageContaining("The product that was requested doesn't exist");
        assertThat(limit.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(limit).hasMessageContaining("is 20").hasMessageNotContaining("%max");
    }

    @Test
    void shouldClassifyAnUnreachableMagentoAsAConnectionFailure() {
        MagentoClient unreachable = new MagentoClient(properties("http://127.0.0.1:1"), JSON, TestOutbound.loopback());

        IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> unreachable.get("/V1/store/storeViews"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(failure.errorClass().transientFailure()).isTrue();
    }

    @Test
    void shouldBeRefusedWhenTheOAuthSignatureIsMadeWithAnotherSecret() {
        MagentoProperties wrong = properties(fake.baseUrl());
        wrong.setConsumerSecret("not-the-consumer-secret");

        IntegrationException refused = catchThrowableOfType(IntegrationException.class,
                () -> new MagentoClient(wrong, JSON, TestOutbound.loopback()).get("/V1/store/storeViews"));

        assertThat(refused).hasMessageContaining("401").hasMessageContaining("isn't authorized");
        assertThat(refused.errorClass().transientFailure()).isFalse();
    }

    @Test
    void shouldSendTheTokenAsBearerOnlyInBearerMode() {
        try (MagentoFake bearerOnly = MagentoFake.start(MagentoFakeOptions.defaults().withAccessToken(TOKEN))) {
            MagentoProperties bearer = properties(bearerOnly.baseUrl());
            bearer.setAuthMode(MagentoProperties.AuthMode.BEARER);
            MagentoProperties oauth = properties(bearerOnly.baseUrl());

            assertThat(new MagentoClient(bearer, JSON, TestOutbound.loopback()).get("/V1/store/storeViews").size()).isPositive();
            assertThat(catchThrowableOfType(IntegrationException.class,
                    () -> new MagentoClient(oauth, JSON, TestOutbound.loopback()).get("/V1/store/storeViews"))).hasMessageContaining("401");
        }
    }

    @Test
    void shouldSignInForAnAdminTokenAndSignInAgainWhenMagentoRefusesIt() {
        MagentoFakeOptions.Admin admin = new MagentoFakeOptions.Admin("omnisync", "admin-password-0123", Duration.ofMillis(300));
        try (MagentoFake tokens = MagentoFake.start(MagentoFakeOptions.defaults().withAdmin(admin))) {
            MagentoProperties properties = properties(tokens.baseUrl());
            properties.setAuthMode(MagentoProperties.AuthMode.ADMIN_TOKEN);
            properties.setAdminUsername(admin.username());
            properties.setAdminPassword(admin.password());
            MagentoClient adminClient = new MagentoClient(properties, JSON, TestOutbound.loopback());

            adminClient.get("/V1/store/storeViews");
            adminClient.get("/V1/store/websites");
            assertThat(tokens.requests("POST", "/V1/integration/admin/token")).as("one sign-in for both calls").isEqualTo(1);

            // the fake's tokens live 300 ms, far less than the client expects: Magento answers 401 and the client signs in again
            await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(adminClient.get("/V1/store/storeViews").size()).isPositive();
            assertThat(tokens.requests("POST", "/V1/integration/admin/token")).isEqualTo(2);
        }
    }

    @Test
    void shouldExplainRefusedAdminCredentials() {
        MagentoFakeOptions.Admin admin = new MagentoFakeOptions.Admin("omnisync", "admin-password-0123", Duration.ofHours(4));
        try (MagentoFake tokens = MagentoFake.start(MagentoFakeOptions.defaults().withAdmin(admin))) {
            MagentoProperties properties = properties(tokens.baseUrl());
            properties.setAuthMode(MagentoProperties.AuthMode.ADMIN_TOKEN);
            properties.setAdminUsername("omnisync");
            properties.setAdminPassword("wrong-password");

            IntegrationException refused = catchThrowableOfType(IntegrationException.class,
                    () -> new MagentoClient(properties, JSON, TestOutbound.loopback()).get("/V1/store/storeViews"));

            assertThat(refused).hasMessageContaining("admin/token").hasMessageContaining("401")
                    .hasMessageContaining("sign-in was incorrect").hasMessageNotContaining("wrong-password");
        }
    }
}
