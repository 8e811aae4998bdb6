package io.omnisync.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Catalogue upserts and the two directions of the SKU-to-variation-id map. */
class PosCatalogTest {

    private final PosFixture pos = new PosFixture();
    private final PosCatalog catalog = new PosCatalog(pos.client);

    @AfterEach
    void close() {
        pos.close();
    }

    @Test
    void shouldCreateAnItemWithVariationsAndFindThemBySku() {
        Map<String, String> created = catalog.upsert(List.of(new PosCatalog.Item(null, "Mug", List.of(
                new PosCatalog.Variation(null, "OS-0046", "Blue", new BigDecimal("12.50"), "EUR"),
                new PosCatalog.Variation(null, "OS-0047", "Red", new BigDecimal("13"), "EUR")))));

        assertThat(created).containsOnlyKeys("OS-0046", "OS-0047");
        assertThat(created.values()).noneMatch(id -> id.startsWith("#"));
        assertThat(catalog.variationIdsBySku(List.of("OS-0046", "OS-0047", "OS-9999"))).isEqualTo(created);
        assertThat(catalog.skusByVariationId(created.values())).containsEntry(created.get("OS-0046"), "OS-0046")
                .containsEntry(created.get("OS-0047"), "OS-0047");
        assertThat(pos.fake.variation("OS-0046").orElseThrow().at("/item_variation_data/price_money/amount").asLong())
                .isEqualTo(1250);
    }

    @Test
    void shouldUpdateThePriceOfAnExistingVariation() {
        var existing = pos.fake.variation("OS-0010").orElseThrow();
        String itemId = existing.at("/item_variation_data/item_id").asText();
        String variationId = existing.path("id").asText();

        Map<String, String> updated = catalog.upsert(List.of(new PosCatalog.Item(itemId, "Omnisync product 10", List.of(
                new PosCatalog.Variation(variationId, "OS-0010", "Regular", new BigDecimal("99.95"), "EUR")))));

        assertThat(updated).containsExactly(Map.entry("OS-0010", variationId));
        var after = pos.fake.variation("OS-0010").orElseThrow();
        assertThat(after.at("/item_variation_data/price_money/amount").asLong()).isEqualTo(9995);
        assertThat(after.path("version").asLong()).isGreaterThan(existing.path("version").asLong());
    }

    @Test
    void shouldLookUpMoreSkusThanOneSearchTakes() {
        List<String> skus = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            skus.add(String.format("OS-%04d", i));
        }

        Map<String, String> ids = catalog.variationIdsBySku(skus);

        assertThat(ids).hasSize(45).containsKey("OS-0045");
        assertThat(pos.fake.requests("POST", PosCatalog.SEARCH_PATH)).as("250 SKUs per set query").isEqualTo(2);
    }
}
