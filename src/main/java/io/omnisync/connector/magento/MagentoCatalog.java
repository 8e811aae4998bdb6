package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Products and prices: products changed since a time per store view, read and store-view scoped update, base
 * and special prices read and saved in chunks. Magento answers price saves with 200 and a list of per-item
 * failures; any failure becomes an {@link IntegrationException} naming the SKUs and reasons.
 */
public class MagentoCatalog {

    /** A price at a store id's scope (the website of that store view when price scope is website). */
    public record StorePrice(String sku, int storeId, BigDecimal price) {
    }

    /** A special price valid from {@code from} until {@code to} (Magento time, {@code yyyy-MM-dd HH:mm:ss}; null = open). */
    public record SpecialPrice(String sku, int storeId, BigDecimal price, String from, String to) {
    }

    private final MagentoClient client;
    private final int pageSize;

    public MagentoCatalog(MagentoClient client, MagentoProperties properties) {
        this.client = client;
        this.pageSize = properties.getPageSize();
    }

    /** Products of a store view whose updated_at is at or after {@code since} ({@code yyyy-MM-dd HH:mm:ss}, UTC), oldest first. */
    public Stream<JsonNode> changedSince(String storeCode, String since) {
        return MagentoSearch.of("/V1/products").where("updated_at", "gteq", since).stream(client, storeCode, pageSize);
    }

    /** The product as the store view shows it, or empty when the SKU does not exist. */
    public Optional<JsonNode> product(String storeCode, String sku) {
        try {
            return Optional.of(client.get(storeCode, "/V1/products/" + MagentoClient.segment(sku)));
        } catch (IntegrationException e) {
            if (e.errorClass() == ErrorClass.MISSING) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Store-view scoped update ({@code PUT /rest/<store_code>/V1/products/<sku>}): only the given attributes,
     * e.g. {@code {"name": "Tasse"}} for the German store view. Use store code {@code all} for default values.
     */
    public JsonNode update(String storeCode, String sku, ObjectNode attributes) {
        ObjectNode body = client.mapper().createObjectNode();
        body.set("product", attributes.deepCopy().put("sku", sku));
        return client.put(storeCode, "/V1/products/" + MagentoClient.segment(sku), body);
    }

    /** Base prices of the SKUs, one row per store id that has a price of its own (store 0 = global). */
    public List<StorePrice> basePrices(List<String> skus) {
        return readPrices("/V1/products/base-prices-information", skus);
    }

    /** Special prices of the SKUs per store id. */
    public List<StorePrice> specialPrices(List<String> skus) {
        return readPrices("/V1/products/special-price-information", skus);
    }

    public void saveSpecialPrices(List<SpecialPrice> prices) {
        savePrices("/V1/products/special-price", prices.stream().map(p -> (JsonNode) client.mapper().createObjectNode()
                .put("sku", p.sku()).put("store_id", p.storeId()).put("price", p.price())
                .put("price_from", p.from() == null ? "1970-01-01 00:00:01" : p.from())
                .put("price_to", p.to() == null ? "" : p.to())).toList());
    }

    private List<StorePrice> readPrices(String path, List<String> skus) {
        List<StorePrice> out = new ArrayList<>();
        List<JsonNode> names = skus.stream().map(s -> (JsonNode) client.mapper().getNodeFactory().textNode(s)).toList();
        for (JsonNode answer : client.postInChunks("all", path, "skus", names)) {
            answer.forEach(p -> out.add(new StorePrice(p.path("sku").asText(), p.path("store_id").asInt(),
                    p.path("price").decimalValue())));
        }
        return out;
    }

    public void saveBasePrices(List<StorePrice> prices) {
        savePrices("/V1/products/base-prices", prices.stream().map(p -> (JsonNode) client.mapper().createObjectNode()
                .put("sku", p.sku()).put("store_id", p.storeId()).put("price", p.price())).toList());
    }

    private void savePrices(String path, List<JsonNode> rows) {
        List<String> failures = new ArrayList<>();
        for (JsonNode answer : client.postInChunks("all", path, "prices", rows)) {
            answer.forEach(f -> failures.add(MagentoErrors.readable(f)));
        }
        if (!failures.isEmpty()) {
            throw new IntegrationException(ErrorClass.VALUE, "Magento refused " + failures.size() + " of "
                    + rows.size() + " prices at " + path + ": " + String.join("; ", failures));
        }
    }
}
