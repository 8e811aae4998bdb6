package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thread-safe state of the fake shop: catalogue, MSI inventory and orders. Every mutation emits the matching
 * webhook event through the {@link WebhookEmitter} (which only queues it, so callers are never blocked).
 * All methods lock on this object; returned JSON is a fresh copy.
 */
public final class MagentoStore {

    private static final DateTimeFormatter MAGENTO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final StoreTopology topology;
    private final Map<String, ProductRecord> products = new LinkedHashMap<>();
    private final InventoryBook inventory;
    private final Map<Integer, OrderRecord> orders = new LinkedHashMap<>();
    private final WebhookEmitter emitter;
    private final Clock clock;

    MagentoStore(StoreTopology topology, List<ProductRecord> catalogue, InventoryBook inventory,
                 WebhookEmitter emitter, Clock clock) {
        this.topology = topology;
        catalogue.forEach(p -> products.put(p.sku, p));
        this.inventory = inventory;
        this.emitter = emitter;
        this.clock = clock;
    }

    /** Current time in Magento's format ({@code yyyy-MM-dd HH:mm:ss}, UTC). */
    public String now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(MAGENTO_TIME);
    }

    public StoreTopology topology() {
        return topology;
    }

    /** Resolves a REST store code or fails with Magento's error. */
    public StoreTopology.StoreView storeView(String storeCode) {
        return topology.storeByCode(storeCode).orElseThrow(() -> MagentoError.badRequest(
                "The store that was requested wasn't found. Verify the store and try again."));
    }

    // ---------------------------------------------------------------- catalogue

    public synchronized List<String> skus() {
        return List.copyOf(products.keySet());
    }

    public synchronized Optional<ObjectNode> product(String storeCode, String sku) {
        StoreTopology.StoreView view = storeView(storeCode);
        return Optional.ofNullable(products.get(sku)).map(p -> p.toJson(view));
    }

    public synchronized List<ObjectNode> products(String storeCode) {
        StoreTopology.StoreView view = storeView(storeCode);
        return products.values().stream().map(p -> p.toJson(view)).toList();
    }

    /**
     * Store-view scoped update of {@code name}, {@code price} (website scope of the store view; global for
     * {@code all}/{@code admin}) and {@code status}. Bumps updated_at and emits {@code catalog.product.updated}.
     */
    public synchronized ObjectNode updateProduct(String storeCode, String sku, Map<String, ?> changes) {
        StoreTopology.StoreView view = storeView(storeCode);
        ProductRecord p = requireProduct(sku);
        if (changes.get("name") != null) {
            p.names.put(view.id(), changes.get("name").toString());
        }
        if (changes.get("price") != null) {
            p.prices.put(view.websiteId(), new BigDecimal(changes.get("price").toString()));
        }
        if (changes.get("status") != null) {
            p.statuses.put(view.id(), Integer.valueOf(changes.get("status").toString()));
        }
        p.updatedAt = now();
        emitProductUpdated(p, view);
        return p.toJson(view);
    }

    private void emitProductUpdated(ProductRecord p, StoreTopology.StoreView view) {
        ObjectNode data = p.toJson(view).put("store_id", view.id()).put("store_code", view.code());
        emitter.emit(WebhookEmitter.PRODUCT_UPDATED, data);
    }

    private ProductRecord requireProduct(String sku) {
        ProductRecord p = products.get(sku);
        if (p == null) {
            throw MagentoError.productNotFound();
        }
        return p;
    }

    /** {@code POST /V1/products/base-prices-information}: global price (store 0) plus website prices per store view. */
    public synchronized List<ObjectNode> basePrices(List<String> skus) {
        List<String> missing = skus.stream().filter(s -> !products.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new MagentoError(404, "Requested products don't exist: %sku",
                    JsonHttp.nodes().objectNode().put("sku", String.join(", ", missing)));
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String sku : skus) {
            ProductRecord p = products.get(sku);
            for (StoreTopology.StoreView view : topology.stores()) {
                if (view.id() == 0 || p.prices.containsKey(view.websiteId())) {
                    ObjectNode price = JsonHttp.nodes().objectNode();
                    price.set("price", JsonHttp.number(p.price(view)));
                    out.add(price.put("store_id", view.id()).put("sku", sku));
                }
            }
        }
        return out;
    }

    /** Sets a base price at a store id's scope; returns an error text or empty when saved. */
    public synchronized Optional<String> saveBasePrice(String sku, int storeId, BigDecimal price) {
        ProductRecord p = products.get(sku);
        Optional<StoreTopology.StoreView> view = topology.storeById(storeId);
        if (p == null || view.isEmpty()) {
            return Optional.of(p == null ? "The SKU was not found." : "Requested store is not found.");
        }
        if (price.signum() < 0) {
            return Optional.of("Invalid attribute price.");
        }
        p.prices.put(view.get().websiteId(), price);
        p.updatedAt = now();
        emitProductUpdated(p, view.get());
        return Optional.empty();
    }

    // ---------------------------------------------------------------- inventory

    public synchronized List<ObjectNode> sources() {
        return inventory.sourcesJson();
    }

    public synchronized List<ObjectNode> stocks() {
        return inventory.stocksJson();
    }

    public synchronized List<ObjectNode> stockSourceLinks() {
        return inventory.linksJson();
    }

    public synchronized List<ObjectNode> sourceItems() {
        return inventory.itemsJson();
    }

    public synchronized List<ObjectNode> reservations() {
        return inventory.reservations.stream().map(r -> {
            ObjectNode n = JsonHttp.nodes().objectNode().put("reservation_id", r.id()).put("stock_id", r.stockId())
                    .put("sku", r.sku()).put("metadata", r.metadata());
            n.set("quantity", JsonHttp.number(r.quantity()));
            return n;
        }).toList();
    }

    /** {@code GET /V1/inventory/stock-resolver/website/<code>}. */
    public synchronized Optional<ObjectNode> stockForWebsite(String websiteCode) {
        return inventory.stockForWebsite(websiteCode).map(inventory::stockJson);
    }

    /** Physical quantity of a source item, or empty when the product is not assigned to the source. */
    public synchronized Optional<BigDecimal> sourceQuantity(String sku, String sourceCode) {
        return inventory.item(sku, sourceCode).map(i -> i.quantity);
    }

    /** Convenience: sets the quantity and derives the status (in stock when quantity > 0). */
    public void setSourceQuantity(String sku, String sourceCode, double quantity) {
        BigDecimal qty = BigDecimal.valueOf(quantity);
        saveSourceItem(sku, sourceCode, qty, qty.signum() > 0 ? 1 : 0);
    }

    /** Saves one source item; emits {@code inventory.source_items.updated} when quantity or status changed. */
    public synchronized void saveSourceItem(String sku, String sourceCode, BigDecimal quantity, int status) {
        requireProduct(sku);
        if (!inventory.hasSource(sourceCode)) {
            throw MagentoError.badRequest("Source with code \"" + sourceCode + "\" does not exist.");
        }
        inventory.save(sku, sourceCode, quantity, status, now())
                .ifPresent(item -> emitter.emit(WebhookEmitter.SOURCE_ITEMS_UPDATED, item.toEventJson()));
    }

    /** Salable quantity = Σ in-stock source quantities of the stock's sources − open reservations. */
    public synchronized BigDecimal salableQuantity(String sku, int stockId) {
        requireProduct(sku);
        if (inventory.stocks.stream().noneMatch(s -> s.id() == stockId)) {
            throw MagentoError.notFound("Stock with id \"" + stockId + "\" does not exist.");
        }
        return inventory.salable(sku, stockId);
    }

    // ---------------------------------------------------------------- orders

    /**
     * Places an order in a store view with product prices of that view, adds MSI reservations (negative
     * quantities on the website's stock) and emits {@code sales.order.created}.
     *
     * @throws MagentoError when a SKU is unknown or not salable in the requested quantity
     */
    public synchronized ObjectNode placeOrder(String storeCode, Map<String, Integer> skuQuantities) {
        StoreTopology.StoreView view = storeView(storeCode);
        StoreTopology.Website website = topology.website(view.websiteId());
        int stockId = inventory.stockForWebsite(website.code()).orElseThrow().id();
        skuQuantities.forEach((sku, qty) -> {
            requireProduct(sku);
            if (inventory.salable(sku, stockId).compareTo(BigDecimal.valueOf(qty)) < 0) {
                throw MagentoError.badRequest("The requested qty is not available");
            }
        });
        int id = orders.size() + 1;
        OrderRecord order = new OrderRecord(id, view, website.name() + "\n" + view.name(), website.baseCurrency(),
                stockId, MagentoSeed.customer(id, view), now());
        skuQuantities.forEach((sku, qty) -> addLine(order, view, sku, qty));
        orders.put(id, order);
        String metadata = "{\"event_type\":\"order_placed\",\"object_type\":\"order\",\"object_id\":\"" + id
                + "\",\"object_increment_id\":\"" + order.incrementId() + "\"}";
        skuQuantities.forEach((sku, qty) -> inventory.reserve(stockId, sku, BigDecimal.valueOf(-qty), metadata));
        ObjectNode json = order.toJson();
        emitter.emit(WebhookEmitter.ORDER_CREATED, json);
        return json;
    }

    private void addLine(OrderRecord order, StoreTopology.StoreView view, String sku, int qty) {
        ProductRecord p = products.get(sku);
        order.lines.add(new OrderRecord.Line(order.entityId * 100 + order.lines.size() + 1, p.id, sku,
                p.name(view), BigDecimal.valueOf(qty), p.price(view)));
    }

    /** Cancels an open order: compensating reservations, state canceled, emits {@code sales.order.updated}. */
    public synchronized ObjectNode cancelOrder(int entityId) {
        OrderRecord order = requireOrder(entityId);
        if (!"canceled".equals(order.state)) {
            String metadata = "{\"event_type\":\"order_canceled\",\"object_type\":\"order\",\"object_id\":\""
                    + entityId + "\"}";
            order.lines.forEach(l -> inventory.reserve(order.stockId, l.sku(), l.qty(), metadata));
            order.state = "canceled";
            order.status = "canceled";
            order.updatedAt = now();
        }
        ObjectNode json = order.toJson();
        emitter.emit(WebhookEmitter.ORDER_UPDATED, json);
        return json;
    }

    private OrderRecord requireOrder(int entityId) {
        OrderRecord order = orders.get(entityId);
        if (order == null) {
            throw MagentoError.notFound("The entity that was requested doesn't exist. Verify the entity and try again.");
        }
        return order;
    }

    public synchronized Optional<ObjectNode> order(int entityId) {
        return Optional.ofNullable(orders.get(entityId)).map(OrderRecord::toJson);
    }

    public synchronized List<ObjectNode> orders() {
        return orders.values().stream().map(OrderRecord::toJson).toList();
    }
}
