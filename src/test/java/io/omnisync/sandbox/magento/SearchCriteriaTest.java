package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SearchCriteriaTest {

    private static MagentoFake fake;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fake = MagentoFake.start(MagentoFakeOptions.defaults());
        rest = new RestClient(fake.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static List<String> skus(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("items").forEach(i -> out.add(i.path("sku").asText()));
        return out;
    }

    @Test
    void filtersInOneGroupAreOrAndGroupsAreAndInBothSpellings() {
        String camel = "/rest/default/V1/products?"
                + "searchCriteria[filterGroups][0][filters][0][field]=sku"
                + "&searchCriteria[filterGroups][0][filters][0][value]=OS-0001,OS-0002,OS-0003"
                + "&searchCriteria[filterGroups][0][filters][0][conditionType]=in"
                + "&searchCriteria[filterGroups][0][filters][1][field]=sku"
                + "&searchCriteria[filterGroups][0][filters][1][value]=OS-0049"
                + "&searchCriteria[filterGroups][1][filters][0][field]=sku"
                + "&searchCriteria[filterGroups][1][filters][0][value]=OS-0002"
                + "&searchCriteria[filterGroups][1][filters][0][conditionType]=neq"
                + "&searchCriteria[sortOrders][0][field]=sku&searchCriteria[sortOrders][0][direction]=DESC";
        String snake = camel.replace("filterGroups", "filter_groups").replace("conditionType", "condition_type");

        assertThat(skus(rest.get(camel).json())).containsExactly("OS-0049", "OS-0003", "OS-0001");
        assertThat(skus(rest.get(snake).json())).containsExactly("OS-0049", "OS-0003", "OS-0001");
    }

    @Test
    void likeAndNumericComparisons() {
        JsonNode like = rest.get("/rest/default/V1/products?searchCriteria[filter_groups][0][filters][0][field]=name"
                + "&searchCriteria[filter_groups][0][filters][0][value]=%25mug%25"
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=like").json();
        JsonNode cheap = rest.get("/rest/default/V1/inventory/source-items?"
                + "searchCriteria[filterGroups][0][filters][0][field]=quantity"
                + "&searchCriteria[filterGroups][0][filters][0][value]=0"
                + "&searchCriteria[filterGroups][0][filters][0][conditionType]=lteq"
                + "&searchCriteria[pageSize]=300").json();

        assertThat(like.path("total_count").asInt()).isEqualTo(5);
        assertThat(cheap.path("total_count").asInt()).isGreaterThan(0);
        cheap.path("items").forEach(i -> assertThat(i.path("quantity").asInt()).isZero());
    }

    @Test
    void ordersCanBeFetchedIncrementallyByUpdatedAt() {
        fake.store().placeOrder("default", Map.of("OS-0011", 1));
        String since = fake.store().now().substring(0, 10) + " 00:00:00";

        JsonNode result = rest.get("/rest/default/V1/orders?"
                + "searchCriteria[filterGroups][0][filters][0][field]=updated_at"
                + "&searchCriteria[filterGroups][0][filters][0][value]=" + since.replace(" ", "%20")
                + "&searchCriteria[filterGroups][0][filters][0][conditionType]=gteq"
                + "&searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC")
                .json();
        JsonNode none = rest.get("/rest/default/V1/orders?"
                + "searchCriteria[filterGroups][0][filters][0][field]=updated_at"
                + "&searchCriteria[filterGroups][0][filters][0][value]=2999-01-01%2000:00:00"
                + "&searchCriteria[filterGroups][0][filters][0][conditionType]=gt").json();

        assertThat(result.path("total_count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(result.path("items").get(0).path("items").get(0).path("sku").asText()).isEqualTo("OS-0011");
        assertThat(none.path("total_count").asInt()).isZero();
    }

    @Test
    void discoveryEndpointsDescribeTheMultiWebsiteShop() {
        JsonNode configs = rest.get("/rest/default/V1/store/storeConfigs?storeCodes[]=eu_de").json();
        JsonNode stock = rest.get("/rest/default/V1/inventory/stock-resolver/website/eu").json();

        assertThat(rest.get("/rest/default/V1/store/storeViews").json()).hasSize(4);
        assertThat(configs).singleElement().satisfies(c -> {
            assertThat(c.path("base_currency_code").asText()).isEqualTo("EUR");
            assertThat(c.path("locale").asText()).isEqualTo("de_DE");
        });
        assertThat(stock.path("stock_id").asInt()).isEqualTo(2);
        assertThat(rest.get("/rest/default/V1/inventory/sources").json().path("total_count").asInt()).as("two warehouses, the Berlin shop and omnisync's staging source").isEqualTo(4);
        assertThat(rest.get("/rest/default/V1/inventory/stock-source-links").json().path("items")).hasSize(3);
    }

    @Test
    void basePricesEnforceTheArrayLimitAndUpdateWebsitePrices() {
        StringBuilder many = new StringBuilder("{\"prices\":[");
        for (int i = 1; i <= 21; i++) {
            many.append(i > 1 ? "," : "").append(String.format(
                    "{\"sku\":\"OS-%04d\",\"store_id\":0,\"price\":10}", i));
        }
        RestClient.Response tooMany = rest.post("/rest/all/V1/products/base-prices", many + "]}");
        RestClient.Response one = rest.post("/rest/all/V1/products/base-prices",
                "{\"prices\":[{\"sku\":\"OS-0020\",\"store_id\":2,\"price\":33.3}]}");
        JsonNode info = rest.post("/rest/all/V1/products/base-prices-information", "{\"skus\":[\"OS-0020\"]}").json();

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("parameters").path("max").asInt()).isEqualTo(20);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEmpty();
        assertThat(info.findValues("price").stream().map(JsonNode::asDouble)).contains(33.3);
        assertThat(rest.get("/rest/eu_fr/V1/products/OS-0020").json().path("price").asDouble()).isEqualTo(33.3);
    }
}
