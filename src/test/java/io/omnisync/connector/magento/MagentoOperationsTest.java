package io.omnisync.connector.magento;

import io.omnisync.platform.outbound.TestOutbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.magento.MagentoFakeOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalogue, price, MSI and customer operations against the contract-checking Magento fake (input limits on). */
class MagentoOperationsTest {

    private static MagentoFake fake;
    private static MagentoCatalog catalog;
    private static MagentoInventory inventory;
    private static MagentoCustomers customers;

    @BeforeAll
    static void start() {
        fake = MagentoFake.start(MagentoFakeOptions.defaults().withOAuth(MagentoOrdersTest.INTEGRATION));
        MagentoProperties properties = MagentoOrdersTest.properties(fake.baseUrl());
        MagentoClient client = new MagentoClient(properties, new ObjectMapper(), TestOutbound.loopback());
        catalog = new MagentoCatalog(client, properties);
        inventory = new MagentoInventory(client, properties);
        customers = new MagentoCustomers(client);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void shouldListOnlyProductsChangedSinceTheMarkWithTheStoreViewsValues() {
        // a shop of its own: the other tests change products of the shared one within the same second
        try (MagentoFake own = MagentoFake.start(MagentoFakeOptions.defaults().withOAuth(MagentoOrdersTest.INTEGRATION))) {
            MagentoProperties properties = MagentoOrdersTest.properties(own.baseUrl());
            MagentoCatalog ownCatalog = new MagentoCatalog(new MagentoClient(properties, new ObjectMapper(), TestOutbound.loopback()), properties);
            String mark = own.store().now();
            own.store().updateProduct("eu_de", "OS-0007", Map.of("name", "Becher Spezial"));

            List<JsonNode> changed = ownCatalog.changedSince("eu_de", mark).toList();

            assertThat(changed).extracting(p -> p.path("sku").asText()).containsExactly("OS-0007");
            assertThat(changed.get(0).path("name").asText()).isEqualTo("Becher Spezial");
            assertThat(ownCatalog.product("eu_fr", "OS-0007").orElseThrow().path("name").asText())
                    .isNotEqualTo("Becher Spezial");
        }
    }

    @Test
    void shouldUpdateANameInOneStoreViewOnly() {
        String german = catalog.product("eu_de", "OS-0008").orElseThrow().path("name").asText();
        var name = new ObjectMapper().createObjectNode().put("name", "Tasse fürs Büro");

        catalog.update("eu_fr", "OS-0008", name);

        assertThat(catalog.product("eu_fr", "OS-0008").orElseThrow().path("name").asText()).isEqualTo("Tasse fürs Büro");
        assertThat(catalog.product("eu_de", "OS-0008").orElseThrow().path("name").asText()).isEqualTo(german);
        assertThat(catalog.product("eu_de", "NO-SUCH-SKU")).isEmpty();
    }

    @Test
    void shouldSaveAndReadBaseAndSpecialPricesInChunksOfTwenty() {
        List<MagentoCatalog.StorePrice> prices = IntStream.rangeClosed(1, 45)
                .mapToObj(n -> new MagentoCatalog.StorePrice(String.format("OS-%04d", n), 2, new BigDecimal(n + ".50")))
                .toList();
        long before = fake.requests("POST", "/V1/products/base-prices");

        catalog.saveBasePrices(prices);
        catalog.saveSpecialPrices(List.of(new MagentoCatalog.SpecialPrice("OS-0003", 2, new BigDecimal("1.99"), null, null)));

        assertThat(fake.requests("POST", "/V1/products/base-prices") - before).as("45 prices in chunks of 20").isEqualTo(3);
        Map<Integer, BigDecimal> os0003 = catalog.basePrices(List.of("OS-0003")).stream()
                .collect(Collectors.toMap(MagentoCatalog.StorePrice::storeId, MagentoCatalog.StorePrice::price, (a, b) -> a));
        assertThat(os0003.get(2)).isEqualByComparingTo("3.50");
        assertThat(catalog.specialPrices(List.of("OS-0003"))).singleElement()
                .satisfies(p -> assertThat(p.price()).isEqualByComparingTo("1.99"));
        assertThat(catalog.product("eu_de", "OS-0003").orElseThrow().path("custom_attributes").toString())
                .contains("\"special_price\"");
    }

    @Test
    void shouldNameTheSkuOfAPriceMagentoRefuses() {
        IntegrationException refused = catchThrowableOfType(() -> catalog.saveBasePrices(List.of(
                new MagentoCatalog.StorePrice("OS-0001", 1, BigDecimal.TEN),
                new MagentoCatalog.StorePrice("NOPE-1", 1, BigDecimal.ONE))), IntegrationException.class);

        assertThat(refused.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(refused).hasMessageContaining("1 of 2").hasMessageContaining("NOPE-1");
    }

    @Test
    void shouldSaveSourceItemsInChunksAndReadSalableQuantityMinusReservations() {
        List<MagentoInventory.SourceItem> items = IntStream.rangeClosed(1, 41)
                .mapToObj(n -> new MagentoInventory.SourceItem(String.format("OS-%04d", n), "us_warehouse",
                        BigDecimal.valueOf(100 + n), 1))
                .toList();
        long before = fake.requests("POST", "/V1/inventory/source-items");

        inventory.saveSourceItems(items);
        int stock = inventory.stockOfWebsite("base");
        fake.store().placeOrder("default", Map.of("OS-0040", 3));

        assertThat(fake.requests("POST", "/V1/inventory/source-items") - before).isEqualTo(3);
        assertThat(inventory.sourceItems("us_warehouse").filter(i -> i.sku().equals("OS-0040")).findFirst().orElseThrow()
                .quantity()).isEqualByComparingTo("140");
        assertThat(inventory.salableQuantity("OS-0040", stock)).isEqualByComparingTo("137");
        assertThat(inventory.sources().map(s -> s.path("source_code").asText()).toList())
                .containsExactly("berlin_store", "eu_warehouse", "omnisync_inbound", "us_warehouse");
        assertThat(inventory.stocks().count()).isEqualTo(2);
    }

    @Test
    void shouldReadTheQuantitiesOfManySkusAtASourceInOneSearch() {
        inventory.saveSourceItems(List.of(
                new MagentoInventory.SourceItem("OS-0044", "eu_warehouse", BigDecimal.valueOf(44), 1),
                new MagentoInventory.SourceItem("OS-0045", "eu_warehouse", BigDecimal.valueOf(45), 1),
                new MagentoInventory.SourceItem("OS-0046", "eu_warehouse", BigDecimal.valueOf(46), 0)));
        long before = fake.requests("GET", "/V1/inventory/source-items");

        Map<String, BigDecimal> quantities = inventory.sourceQuantities(List.of("OS-0044", "OS-0045", "OS-0046", "NO-SUCH-SKU"),
                "eu_warehouse");

        assertThat(fake.requests("GET", "/V1/inventory/source-items") - before).isEqualTo(1);
        assertThat(quantities).containsOnlyKeys("OS-0044", "OS-0045", "OS-0046", "NO-SUCH-SKU");
        assertThat(quantities.get("OS-0044")).isEqualByComparingTo("44");
        assertThat(quantities.get("OS-0045")).isEqualByComparingTo("45");
        assertThat(quantities.get("OS-0046")).as("out of stock at the source").isEqualByComparingTo("0");
        assertThat(quantities.get("NO-SUCH-SKU")).isEqualByComparingTo("0");
        assertThat(quantities.get("OS-0045")).isEqualByComparingTo(inventory.sourceQuantity("OS-0045", "eu_warehouse"));
    }

    @Test
    void shouldCreateACustomerOncePerWebsiteAndFindItByEmail() {
        JsonNode created = customers.create("ines.lopez@example.com", "Inés", "López", 2);

        assertThat(customers.findByEmail("ines.lopez@example.com", 2).orElseThrow().path("id").asInt())
                .isEqualTo(created.path("id").asInt());
        assertThat(customers.findByEmail("ines.lopez@example.com", 1)).isEmpty();
        IntegrationException twice = catchThrowableOfType(
                () -> customers.create("ines.lopez@example.com", "Inés", "López", 2), IntegrationException.class);
        assertThat(twice.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(twice).hasMessageContaining("same email address already exists");
    }
}
