package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Product and price endpoints. */
final class CatalogApi {

    static final String BASE_PRICE_TYPE = "\\Magento\\Catalog\\Api\\Data\\BasePriceInterface";
    static final String SPECIAL_PRICE_TYPE = "\\Magento\\Catalog\\Api\\Data\\SpecialPriceInterface";

    @FunctionalInterface
    private interface PriceWriter {
        java.util.Optional<String> save(String sku, int storeId, BigDecimal price);
    }

    private final MagentoStore store;
    private final MagentoFakeOptions options;

    CatalogApi(MagentoStore store, MagentoFakeOptions options) {
        this.store = store;
        this.options = options;
    }

    void register(Router router) {
        router.post("/V1/products/special-price-information", this::specialPricesInformation)
                .post("/V1/products/special-price", this::saveSpecialPrices)
                .post("/V1/products/base-prices-information", this::basePricesInformation)
                .post("/V1/products/base-prices", this::saveBasePrices)
                .get("/V1/products", this::list)
                .get("/V1/products/{sku}", this::get)
                .put("/V1/products/{sku}", this::update);
    }

    private Object list(Router.Request r) {
        return SearchCriteria.parse(r.query()).apply(store.products(r.storeCode()), options);
    }

    private Object get(Router.Request r) {
        return store.product(r.storeCode(), r.param("sku")).orElseThrow(MagentoError::productNotFound);
    }

    private Object update(Router.Request r) {
        JsonNode product = required(r.body(), "product");
        Map<String, Object> changes = new HashMap<>();
        for (String field : List.of("name", "price", "status")) {
            JsonNode value = product.get(field);
            if (value != null && !value.isNull()) {
                changes.put(field, value.asText());
            }
        }
        return store.updateProduct(r.storeCode(), r.param("sku"), changes);
    }

    private Object basePricesInformation(Router.Request r) {
        JsonNode skus = required(r.body(), "skus");
        enforceLimit(skus, "string");
        List<String> list = new ArrayList<>();
        skus.forEach(s -> list.add(s.asText()));
        ArrayNode out = JsonHttp.nodes().arrayNode();
        store.basePrices(list).forEach(out::add);
        return out;
    }

    private Object specialPricesInformation(Router.Request r) {
        JsonNode skus = required(r.body(), "skus");
        enforceLimit(skus, "string");
        List<String> list = new ArrayList<>();
        skus.forEach(s -> list.add(s.asText()));
        ArrayNode out = JsonHttp.nodes().arrayNode();
        store.specialPrices(list).forEach(out::add);
        return out;
    }

    private Object saveBasePrices(Router.Request r) {
        return savePrices(r, BASE_PRICE_TYPE, store::saveBasePrice);
    }

    private Object saveSpecialPrices(Router.Request r) {
        return savePrices(r, SPECIAL_PRICE_TYPE, store::saveSpecialPrice);
    }

    /** Saves each price; answers the list of per-item failures (empty when all were saved), as Magento does. */
    private Object savePrices(Router.Request r, String type, PriceWriter writer) {
        JsonNode prices = required(r.body(), "prices");
        enforceLimit(prices, type);
        ArrayNode failures = JsonHttp.nodes().arrayNode();
        for (JsonNode price : prices) {
            String sku = price.path("sku").asText();
            int storeId = price.path("store_id").asInt();
            writer.save(sku, storeId, new BigDecimal(price.path("price").asText("0")))
                    .ifPresent(error -> {
                        ArrayNode params = failures.addObject().put("message", error + " SKU: %1. Store ID: %2.")
                                .putArray("parameters");
                        params.add(sku).add(String.valueOf(storeId));
                    });
        }
        return failures;
    }

    private void enforceLimit(JsonNode array, String type) {
        if (options.inputLimitsEnabled() && array.size() > options.complexArrayLimit()) {
            throw MagentoError.tooManyItems(type, options.complexArrayLimit());
        }
    }

    /** The named field of a request body, or Magento's "is required" error. */
    static JsonNode required(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            throw new MagentoError(400, "\"%fieldName\" is required. Enter and try again.",
                    JsonHttp.nodes().objectNode().put("fieldName", field));
        }
        return value;
    }
}
