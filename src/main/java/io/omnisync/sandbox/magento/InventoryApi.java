package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;

/** MSI endpoints: sources, stocks, links, source items, salable quantity, stock resolver. */
final class InventoryApi {

    static final String SOURCE_ITEM_TYPE = "\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface";

    private final MagentoStore store;
    private final MagentoFakeOptions options;

    InventoryApi(MagentoStore store, MagentoFakeOptions options) {
        this.store = store;
        this.options = options;
    }

    void register(Router router) {
        router.get("/V1/inventory/sources", r -> search(r, store.sources()))
                .get("/V1/inventory/sources/{sourceCode}", r -> store.sources().stream()
                        .filter(s -> s.path("source_code").asText().equals(r.param("sourceCode"))).findFirst()
                        .orElseThrow(() -> MagentoError.notFound("Source item with code \"" + r.param("sourceCode")
                                + "\" does not exist.")))
                .get("/V1/inventory/stocks", r -> search(r, store.stocks()))
                .get("/V1/inventory/stock-source-links", r -> search(r, store.stockSourceLinks()))
                .get("/V1/inventory/source-items", r -> search(r, store.sourceItems()))
                .post("/V1/inventory/source-items", this::saveSourceItems)
                .post("/V1/inventory/bulk-partial-source-transfer", this::partialTransfer)
                .get("/V1/inventory/get-product-salable-quantity/{sku}/{stockId}", this::salable)
                .get("/V1/inventory/stock-resolver/{type}/{code}", this::resolveStock);
    }

    private Object search(Router.Request r, java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> items) {
        return SearchCriteria.parse(r.query()).apply(items, options);
    }

    private Object saveSourceItems(Router.Request r) {
        JsonNode items = CatalogApi.required(r.body(), "sourceItems");
        if (options.inputLimitsEnabled() && items.size() > options.complexArrayLimit()) {
            throw MagentoError.tooManyItems(SOURCE_ITEM_TYPE, options.complexArrayLimit());
        }
        for (JsonNode item : items) {
            if (!item.hasNonNull("sku") || !item.hasNonNull("source_code")) {
                throw MagentoError.badRequest("Validation Failed");
            }
            if (store.product("all", item.get("sku").asText()).isEmpty()) {
                throw MagentoError.badRequest("Product with SKU \"" + item.get("sku").asText() + "\" does not exist.");
            }
        }
        for (JsonNode item : items) {
            BigDecimal qty = new BigDecimal(item.path("quantity").asText("0"));
            int status = item.has("status") ? item.get("status").asInt() : (qty.signum() > 0 ? 1 : 0);
            store.saveSourceItem(item.get("sku").asText(), item.get("source_code").asText(), qty, status);
        }
        return JsonHttp.nodes().arrayNode();
    }

    /**
     * Magento 2.4's BulkPartialInventoryTransfer: per item, both source items must exist, the origin must hold the
     * quantity, and the move is relative on both sides (quantity - qty, quantity + qty) under one lock, so it never
     * overwrites a concurrent change of either source.
     */
    private Object partialTransfer(Router.Request r) {
        String origin = CatalogApi.required(r.body(), "originSourceCode").asText();
        String destination = CatalogApi.required(r.body(), "destinationSourceCode").asText();
        JsonNode items = CatalogApi.required(r.body(), "items");
        for (JsonNode item : items) {
            if (!item.hasNonNull("sku") || !item.hasNonNull("qty")) {
                throw MagentoError.badRequest("Validation Failed");
            }
        }
        store.transferPartially(origin, destination, items);
        return com.fasterxml.jackson.databind.node.BooleanNode.TRUE;
    }

    private Object salable(Router.Request r) {
        int stockId;
        try {
            stockId = Integer.parseInt(r.param("stockId"));
        } catch (NumberFormatException e) {
            throw MagentoError.badRequest("The \"" + r.param("stockId") + "\" value's type is invalid.");
        }
        return JsonHttp.number(store.salableQuantity(r.param("sku"), stockId));
    }

    private Object resolveStock(Router.Request r) {
        if (!"website".equals(r.param("type"))) {
            throw MagentoError.badRequest("Sales channel type \"" + r.param("type") + "\" is not supported.");
        }
        return store.stockForWebsite(r.param("code")).orElseThrow(() -> MagentoError.notFound(
                "No linked stock found"));
    }
}
