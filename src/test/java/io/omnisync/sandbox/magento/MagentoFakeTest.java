package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MagentoFakeTest {

    private MagentoFake fake;
    private RestClient rest;

    @BeforeEach
    void start() {
        fake = MagentoFake.start(MagentoFakeOptions.defaults());
        rest = new RestClient(fake.baseUrl(), null);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String sourceItems(int count, String quantity) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("{\"sku\":\"OS-%04d\",\"source_code\":\"us_warehouse\","
                        + "\"quantity\":%s,\"status\":1}", i, quantity))
                .collect(Collectors.joining(",", "{\"sourceItems\":[", "]}"));
    }

    @Test
    void contractViolationIsAnswered400WithMagentoErrorNamingTheField() {
        RestClient.Response r = rest.post("/rest/default/V1/inventory/source-items", sourceItems(1, "\"five\""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("quantity");
        assertThat(r.json().has("parameters")).isTrue();
        assertThat(fake.store().sourceQuantity("OS-0001", "us_warehouse")).isNotEqualTo(new BigDecimal("5"));
    }

    @Test
    void validSourceItemsSaveUpdatesQuantity() {
        RestClient.Response r = rest.post("/rest/all/V1/inventory/source-items", sourceItems(1, "42"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(fake.store().sourceQuantity("OS-0001", "us_warehouse")).contains(new BigDecimal("42"));
    }

    @Test
    void nonIntegerPageSizeViolatesTheContract() {
        RestClient.Response r = rest.get("/rest/default/V1/products?searchCriteria[pageSize]=many");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("pageSize");
    }

    @Test
    void pagePastTheEndRepeatsTheLastPage() {
        String base = "/rest/default/V1/products?searchCriteria[pageSize]=20&searchCriteria[currentPage]=";
        JsonNode last = rest.get(base + "3").json();
        JsonNode beyond = rest.get(base + "9").json();

        assertThat(last.path("total_count").asInt()).isEqualTo(50);
        assertThat(last.path("items")).hasSize(10);
        assertThat(last.path("items").get(0).path("sku").asText()).isEqualTo("OS-0041");
        assertThat(beyond.path("items")).isEqualTo(last.path("items"));
        assertThat(beyond.path("total_count").asInt()).isEqualTo(50);
        assertThat(beyond.path("search_criteria").path("current_page").asInt()).isEqualTo(9);
    }

    @Test
    void moreThan20SourceItemsAreRejectedWithTheInputLimitError() {
        RestClient.Response tooMany = rest.post("/rest/default/V1/inventory/source-items", sourceItems(21, "7"));
        RestClient.Response twenty = rest.post("/rest/default/V1/inventory/source-items", sourceItems(20, "7"));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.raw()).isEqualTo("{\"message\":\"Maximum items of type \\\"%type\\\" is %max\","
                + "\"parameters\":{\"type\":\"\\\\Magento\\\\InventoryApi\\\\Api\\\\Data\\\\SourceItemInterface\","
                + "\"max\":20}}");
        assertThat(twenty.status()).isEqualTo(200);
    }

    @Test
    void pageSizeAbove300IsRejectedAndOmittedPageSizeDefaultsTo20() {
        RestClient.Response tooBig = rest.get("/rest/default/V1/products?searchCriteria[pageSize]=301");
        RestClient.Response max = rest.get("/rest/default/V1/products?searchCriteria[pageSize]=300");
        RestClient.Response omitted = rest.get("/rest/default/V1/products");

        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("message").asText()).isEqualTo("Maximum SearchCriteria pageSize is %max");
        assertThat(tooBig.json().path("parameters").path("max").asInt()).isEqualTo(300);
        assertThat(max.json().path("items")).hasSize(50);
        assertThat(omitted.json().path("items")).hasSize(20);
    }

    @Test
    void limitsDisabledReturnsEverythingAndAcceptsLongArrays() {
        fake.close();
        fake = MagentoFake.start(MagentoFakeOptions.defaults().withInputLimitsEnabled(false));
        rest = new RestClient(fake.baseUrl(), null);

        assertThat(rest.get("/rest/default/V1/products").json().path("items")).hasSize(50);
        assertThat(rest.post("/rest/default/V1/inventory/source-items", sourceItems(30, "3")).status())
                .isEqualTo(200);
    }

    @Test
    void salableQuantityIsSourceQuantityMinusReservationsAfterAnOrder() {
        fake.store().setSourceQuantity("OS-0001", "us_warehouse", 10);
        JsonNode order = fake.store().placeOrder("default", Map.of("OS-0001", 3));

        RestClient.Response salable = rest.get("/rest/default/V1/inventory/get-product-salable-quantity/OS-0001/1");

        assertThat(salable.status()).isEqualTo(200);
        assertThat(salable.raw()).isEqualTo("7");
        assertThat(fake.store().sourceQuantity("OS-0001", "us_warehouse")).contains(new BigDecimal("10"));
        assertThat(fake.store().reservations()).singleElement()
                .satisfies(r -> assertThat(r.path("quantity").asInt()).isEqualTo(-3));
        JsonNode fetched = rest.get("/rest/default/V1/orders/" + order.path("entity_id").asInt()).json();
        assertThat(fetched.path("increment_id").asText()).isEqualTo("000000001");
        assertThat(fetched.path("items").get(0).path("qty_ordered").asInt()).isEqualTo(3);
        assertThat(fetched.path("order_currency_code").asText()).isEqualTo("USD");
    }

    @Test
    void storeViewValuesDifferPerStoreCode() {
        JsonNode en = rest.get("/rest/default/V1/products/OS-0005").json();
        JsonNode de = rest.get("/rest/eu_de/V1/products/OS-0005").json();
        JsonNode fr = rest.get("/rest/eu_fr/V1/products/OS-0005").json();

        assertThat(en.path("name").asText()).isEqualTo("Organic Cotton T-Shirt - Terracotta");
        assertThat(de.path("name").asText()).isEqualTo("Bio-Baumwoll-T-Shirt - Terrakotta");
        assertThat(fr.path("name").asText()).isEqualTo("T-shirt en coton bio - Terre cuite");
        assertThat(en.path("price").decimalValue()).isNotEqualByComparingTo(de.path("price").decimalValue());
        assertThat(de.path("price")).isEqualTo(fr.path("price"));
    }

    @Test
    void productUpdateInOneStoreViewLeavesTheOthersAlone() {
        RestClient.Response r = rest.put("/rest/eu_de/V1/products/OS-0002",
                "{\"product\":{\"sku\":\"OS-0002\",\"name\":\"Neuer Name\",\"price\":99.5}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("name").asText()).isEqualTo("Neuer Name");
        assertThat(rest.get("/rest/eu_fr/V1/products/OS-0002").json().path("price").asDouble()).isEqualTo(99.5);
        assertThat(rest.get("/rest/eu_fr/V1/products/OS-0002").json().path("name").asText())
                .isNotEqualTo("Neuer Name");
        assertThat(rest.get("/rest/default/V1/products/OS-0002").json().path("price").asDouble()).isNotEqualTo(99.5);
    }

    @Test
    void unknownProductAndUnknownRouteAreAnswered404() {
        RestClient.Response product = rest.get("/rest/default/V1/products/NOPE");
        RestClient.Response route = rest.get("/rest/default/V1/nothing-here");

        assertThat(product.status()).isEqualTo(404);
        assertThat(product.json().path("message").asText())
                .isEqualTo("The product that was requested doesn't exist. Verify the product and try again.");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().path("message").asText()).isEqualTo("Request does not match any route.");
    }

    @Test
    void configuredTokenIsRequired() {
        fake.close();
        fake = MagentoFake.start(MagentoFakeOptions.defaults().withAccessToken("s3cret"));

        RestClient.Response anonymous = new RestClient(fake.baseUrl(), null).get("/rest/default/V1/store/websites");
        RestClient.Response wrong = new RestClient(fake.baseUrl(), "nope").get("/rest/default/V1/store/websites");
        RestClient.Response right = new RestClient(fake.baseUrl(), "s3cret").get("/rest/default/V1/store/websites");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("message").asText())
                .isEqualTo("The consumer isn't authorized to access %resources.");
        assertThat(anonymous.json().path("parameters").path("resources").asText()).isEqualTo("Magento_Backend::admin");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.json()).hasSize(3);
    }

    @Test
    void unknownStoreCodeIsRejectedAndMissingStoreCodeMeansDefault() {
        assertThat(rest.get("/rest/nowhere/V1/products/OS-0001").status()).isEqualTo(400);
        assertThat(rest.get("/rest/V1/products/OS-0001").json().path("name").asText())
                .isEqualTo(rest.get("/rest/default/V1/products/OS-0001").json().path("name").asText());
    }

    @Test
    void malformedJsonIsA400NotAStackTrace() {
        RestClient.Response r = rest.post("/rest/default/V1/inventory/source-items", "{\"sourceItems\":[");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(r.json().has("message")).isTrue();
    }

    @Test
    void closeStopsServingPromptly() {
        String url = fake.baseUrl();
        fake.close();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> new RestClient(url, null).get("/rest/default/V1/store/websites"))).isNotNull();
    }
}
