package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Thread-safe state of the fake shop: catalogue, MSI inventory, customers, carts, orders and their invoices,
 * shipments and credit memos. Every mutation emits the matching
 * webhook event through the {@link WebhookEmitter} (which only queues it, so callers are never blocked).
 * All methods lock on this object; returned JSON is a fresh copy.
 */
public final class MagentoStore {

    private static final DateTimeFormatter MAGENTO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final StoreTopology topology;
    private final Map<String, ProductRecord> products = new LinkedHashMap<>();
    private final InventoryBook inventory;
    private final Map<Integer, OrderRecord> orders = new LinkedHashMap<>();
    private final Map<Integer, CartRecord> carts = new LinkedHashMap<>();
    private final Map<Integer, ObjectNode> customers = new LinkedHashMap<>();
    private int documentIds;
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

    /** Moves quantities between two sources, relative on both sides; all items or none. */
    public synchronized void transferPartially(String origin, String destination, JsonNode items) {
        if (origin.equals(destination)) {
            throw MagentoError.badRequest("Origin and destination sources must differ");
        }
        for (JsonNode item : items) {
            String sku = item.get("sku").asText();
            BigDecimal qty = new BigDecimal(item.get("qty").asText());
            if (qty.signum() <= 0) {
                throw MagentoError.badRequest("Transfer quantity for sku " + sku + " must be greater than zero");
            }
            for (String source : List.of(origin, destination)) {
                if (inventory.item(sku, source).isEmpty()) {
                    throw MagentoError.notFound("Source item for " + sku + " and " + source + " does not exist");
                }
            }
            if (inventory.item(sku, origin).orElseThrow().quantity.compareTo(qty) < 0) {
                throw MagentoError.badRequest("Requested transfer amount for sku " + sku + " is not available");
            }
        }
        for (JsonNode item : items) {
            String sku = item.get("sku").asText();
            BigDecimal qty = new BigDecimal(item.get("qty").asText());
            InventoryBook.SourceItem from = inventory.item(sku, origin).orElseThrow();
            InventoryBook.SourceItem to = inventory.item(sku, destination).orElseThrow();
            saveSourceItem(sku, origin, from.quantity.subtract(qty), from.status);
            saveSourceItem(sku, destination, to.quantity.add(qty), 1);
        }
    }

    /** Salable quantity = Σ in-stock source quantities of the stock's sources − open reservations. */
    public synchronized BigDecimal salableQuantity(String sku, int stockId) {
        requireProduct(sku);
        if (inventory.stocks.stream().noneMatch(s -> s.id() == stockId)) {
            throw MagentoError.notFound("Stock with id \"" + stockId + "\" does not exist.");
        }
        return inventory.salable(sku, stockId);
    }


    // ---------------------------------------------------------------- special prices

    /** {@code POST /V1/products/special-price-information}: special prices per store id. */
    public synchronized List<ObjectNode> specialPrices(List<String> skus) {
        List<ObjectNode> out = new ArrayList<>();
        for (String sku : skus) {
            ProductRecord p = requireProduct(sku);
            p.specialPrices.forEach((websiteId, price) -> {
                StoreTopology.StoreView view = websiteId == 0 ? topology.storeById(0).orElseThrow()
                        : topology.stores().stream().filter(v -> v.websiteId() == websiteId).findFirst().orElseThrow();
                ObjectNode n = JsonHttp.nodes().objectNode();
                n.set("price", JsonHttp.number(price));
                out.add(n.put("store_id", view.id()).put("sku", sku).put("price_from", "1970-01-01 00:00:01")
                        .put("price_to", ""));
            });
        }
        return out;
    }

    /** Sets a special price at a store id's website scope; returns an error text or empty when saved. */
    public synchronized Optional<String> saveSpecialPrice(String sku, int storeId, BigDecimal price) {
        ProductRecord p = products.get(sku);
        Optional<StoreTopology.StoreView> view = topology.storeById(storeId);
        if (p == null || view.isEmpty()) {
            return Optional.of(p == null ? "The SKU was not found." : "Requested store is not found.");
        }
        if (price.signum() < 0) {
            return Optional.of("Invalid attribute price.");
        }
        p.specialPrices.put(view.get().websiteId(), price);
        p.updatedAt = now();
        emitProductUpdated(p, view.get());
        return Optional.empty();
    }

    // ---------------------------------------------------------------- customers

    public synchronized List<ObjectNode> customers() {
        return customers.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** {@code POST /V1/customers}: email unique per website (account sharing scope "per website"). */
    public synchronized ObjectNode createCustomer(ObjectNode customer) {
        String email = customer.path("email").asText("");
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw MagentoError.badRequest("\"" + email + "\" is not a valid email address.");
        }
        int websiteId = customer.path("website_id").asInt(1);
        boolean taken = customers.values().stream().anyMatch(c -> c.path("email").asText().equalsIgnoreCase(email)
                && c.path("website_id").asInt() == websiteId);
        if (taken) {
            throw MagentoError.badRequest("A customer with the same email address already exists in an associated website.");
        }
        int id = customers.size() + 1;
        ObjectNode saved = customer.deepCopy().put("id", id).put("website_id", websiteId)
                .put("group_id", customer.path("group_id").asInt(1)).put("created_at", now()).put("updated_at", now());
        if (!saved.has("store_id")) {
            saved.put("store_id", topology.stores().stream().filter(v -> v.websiteId() == websiteId)
                    .findFirst().map(StoreTopology.StoreView::id).orElse(1));
        }
        customers.put(id, saved);
        return saved.deepCopy();
    }

    // ---------------------------------------------------------------- carts

    /** {@code POST /rest/<store>/V1/carts/}: an empty guest cart in the store view. */
    public synchronized int createCart(String storeCode) {
        CartRecord cart = new CartRecord(carts.size() + 1, storeView(storeCode));
        carts.put(cart.id, cart);
        return cart.id;
    }

    private CartRecord requireCart(int cartId) {
        CartRecord cart = carts.get(cartId);
        if (cart == null || !cart.active) {
            throw new MagentoError(404, "No such entity with %fieldName = %fieldValue",
                    JsonHttp.nodes().objectNode().put("fieldName", "cartId").put("fieldValue", cartId));
        }
        return cart;
    }

    /** {@code PUT /V1/carts/{cartId}}: assigns a customer account. */
    public synchronized boolean assignCustomer(int cartId, int customerId) {
        CartRecord cart = requireCart(cartId);
        ObjectNode customer = customers.get(customerId);
        if (customer == null) {
            throw MagentoError.notFound("No such entity with customerId = " + customerId);
        }
        cart.customerId = customerId;
        cart.email = customer.path("email").asText();
        return true;
    }

    /** {@code POST /V1/carts/{quoteId}/items}: price from the cart's store view. */
    public synchronized ObjectNode addCartItem(int cartId, String sku, BigDecimal qty) {
        CartRecord cart = requireCart(cartId);
        ProductRecord p = requireProduct(sku);
        if (qty.signum() <= 0) {
            throw MagentoError.badRequest("The qty value is required to update quote item.");
        }
        if (p.status(cart.store) != 1 || !p.websiteIds.contains(cart.store.websiteId())) {
            throw MagentoError.badRequest("Product that you are trying to add is not available.");
        }
        int stockId = stockOf(cart.store);
        BigDecimal wanted = cart.items.getOrDefault(sku, BigDecimal.ZERO).add(qty);
        if (inventory.salable(sku, stockId).compareTo(wanted) < 0) {
            throw MagentoError.badRequest("The requested qty is not available");
        }
        cart.items.put(sku, wanted);
        ObjectNode item = JsonHttp.nodes().objectNode().put("item_id", cartId * 100 + cart.items.size())
                .put("sku", sku).put("name", p.name(cart.store)).put("product_type", "simple")
                .put("quote_id", String.valueOf(cartId));
        item.set("qty", JsonHttp.number(wanted));
        item.set("price", JsonHttp.number(p.finalPrice(cart.store)));
        return item;
    }

    /** {@code POST /V1/carts/{cartId}/billing-address}. */
    public synchronized int setBillingAddress(int cartId, OrderRecord.Customer address) {
        requireCart(cartId).billing = address;
        return cartId * 10 + 1;
    }

    /** {@code POST /V1/carts/{cartId}/shipping-information}: addresses and the shipping method; answers totals. */
    public synchronized ObjectNode setShippingInformation(int cartId, OrderRecord.Customer shipping,
                                                         OrderRecord.Customer billing, String carrier, String method) {
        CartRecord cart = requireCart(cartId);
        if (!"flatrate".equals(carrier) || !"flatrate".equals(method)) {
            throw new MagentoError(400, "Carrier with such method not found: %1, %2",
                    JsonHttp.nodes().arrayNode().add(String.valueOf(carrier)).add(String.valueOf(method)));
        }
        cart.shipping = shipping;
        cart.billing = billing == null ? shipping : billing;
        ObjectNode details = JsonHttp.nodes().objectNode();
        details.putArray("payment_methods").addObject().put("code", "checkmo").put("title", "Check / Money order");
        ObjectNode totals = details.putObject("totals");
        BigDecimal subtotal = cart.items.entrySet().stream()
                .map(e -> products.get(e.getKey()).finalPrice(cart.store).multiply(e.getValue()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        totals.set("subtotal", JsonHttp.number(subtotal));
        totals.set("shipping_amount", JsonHttp.number(OrderRecord.SHIPPING));
        totals.set("grand_total", JsonHttp.number(subtotal.add(OrderRecord.SHIPPING)));
        totals.put("quote_currency_code", topology.website(cart.store.websiteId()).baseCurrency());
        return details;
    }

    /**
     * {@code PUT /V1/carts/{cartId}/order}: places the order like QuoteManagement::placeOrder (MSI reservations,
     * order number, {@code sales.order.created}); the cart is then inactive, so placing it again is a 404.
     */
    public synchronized int placeCartOrder(int cartId, String paymentMethod) {
        CartRecord cart = requireCart(cartId);
        if (cart.items.isEmpty()) {
            throw MagentoError.badRequest("The cart doesn't contain any items. Add items to the cart and try again.");
        }
        if (cart.shipping == null) {
            throw MagentoError.badRequest("The shipping method is missing. Select the shipping method and try again.");
        }
        if (!"checkmo".equals(paymentMethod) && !"purchaseorder".equals(paymentMethod)) {
            throw MagentoError.badRequest("The requested Payment Method is not available.");
        }
        String email = cart.email != null ? cart.email : cart.billing.email();
        if (email == null || email.isBlank()) {
            throw MagentoError.badRequest("Email has a wrong format");
        }
        OrderRecord.Customer buyer = new OrderRecord.Customer(cart.billing.firstname(), cart.billing.lastname(), email,
                cart.billing.street(), cart.billing.city(), cart.billing.postcode(), cart.billing.countryId(),
                cart.billing.telephone());
        Map<String, Integer> lines = new LinkedHashMap<>();
        cart.items.forEach((sku, qty) -> lines.put(sku, qty.intValueExact()));
        ObjectNode order = place(cart.store, lines, buyer, cart.customerId, cartId);
        cart.active = false;
        OrderRecord placed = orders.get(order.get("entity_id").asInt());
        placed.paymentMethod = paymentMethod;
        return placed.entityId;
    }

    // ---------------------------------------------------------------- orders

    /**
     * Places an order with a seeded guest customer (the sandbox's own shoppers): prices of the store view,
     * MSI reservations (negative quantities on the website's stock) and {@code sales.order.created}.
     *
     * @throws MagentoError when a SKU is unknown or not salable in the requested quantity
     */
    public synchronized ObjectNode placeOrder(String storeCode, Map<String, Integer> skuQuantities) {
        StoreTopology.StoreView view = storeView(storeCode);
        return place(view, skuQuantities, MagentoSeed.customer(orders.size() + 1, view), null, 0);
    }

    private int stockOf(StoreTopology.StoreView view) {
        return inventory.stockForWebsite(topology.website(view.websiteId()).code()).orElseThrow().id();
    }

    private ObjectNode place(StoreTopology.StoreView view, Map<String, Integer> skuQuantities,
                             OrderRecord.Customer customer, Integer customerId, int quoteId) {
        StoreTopology.Website website = topology.website(view.websiteId());
        int stockId = stockOf(view);
        skuQuantities.forEach((sku, qty) -> {
            requireProduct(sku);
            if (inventory.salable(sku, stockId).compareTo(BigDecimal.valueOf(qty)) < 0) {
                throw MagentoError.badRequest("The requested qty is not available");
            }
        });
        int id = orders.size() + 1;
        OrderRecord order = new OrderRecord(id, view, website.name() + "\n" + view.name(), website.baseCurrency(),
                stockId, customer, customerId, quoteId == 0 ? id + 1000 : quoteId, now());
        skuQuantities.forEach((sku, qty) -> {
            ProductRecord p = products.get(sku);
            order.lines.add(new OrderRecord.Line(id * 100 + order.lines.size() + 1, p.id, sku, p.name(view),
                    BigDecimal.valueOf(qty), p.finalPrice(view)));
        });
        orders.put(id, order);
        String metadata = reservationMetadata("order_placed", order);
        skuQuantities.forEach((sku, qty) -> inventory.reserve(stockId, sku, BigDecimal.valueOf(-qty), metadata));
        ObjectNode json = order.toJson();
        emitter.emit(WebhookEmitter.ORDER_CREATED, json);
        return json;
    }

    private static String reservationMetadata(String eventType, OrderRecord order) {
        return "{\"event_type\":\"" + eventType + "\",\"object_type\":\"order\",\"object_id\":\"" + order.entityId
                + "\",\"object_increment_id\":\"" + order.incrementId() + "\"}";
    }

    /** {@code POST /V1/orders} with an existing entity_id: saves ext_order_id, as OrderRepository::save does. */
    public synchronized ObjectNode saveOrder(ObjectNode entity) {
        if (!entity.hasNonNull("entity_id")) {
            throw MagentoError.badRequest("The fake persists changes to existing orders only; "
                    + "create orders through the cart flow (POST /V1/carts/ ... PUT /V1/carts/{cartId}/order)");
        }
        OrderRecord order = requireOrder(entity.get("entity_id").asInt());
        if (entity.has("ext_order_id")) {
            order.extOrderId = entity.get("ext_order_id").isNull() ? null : entity.get("ext_order_id").asText();
            order.updatedAt = now();
        }
        return order.toJson();
    }

    /** {@code POST /V1/orders/{id}/cancel}: false when the order can no longer be cancelled (invoiced or shipped). */
    public synchronized boolean cancel(int entityId) {
        OrderRecord order = requireOrder(entityId);
        boolean touched = order.lines.stream().anyMatch(l -> l.invoiced.signum() > 0 || l.shipped.signum() > 0);
        if ("canceled".equals(order.state) || touched || "closed".equals(order.state)) {
            return false;
        }
        cancelOrder(entityId);
        return true;
    }

    /** Cancels an open order: compensating reservations, state canceled, emits {@code sales.order.updated}. */
    public synchronized ObjectNode cancelOrder(int entityId) {
        OrderRecord order = requireOrder(entityId);
        if (!"canceled".equals(order.state)) {
            String metadata = reservationMetadata("order_canceled", order);
            order.lines.forEach(l -> {
                inventory.reserve(order.stockId, l.sku, l.qty, metadata);
                l.canceled = l.qty;
            });
            order.state = "canceled";
            order.status = "canceled";
            order.updatedAt = now();
        }
        ObjectNode json = order.toJson();
        emitter.emit(WebhookEmitter.ORDER_UPDATED, json);
        return json;
    }

    /** {@code POST /V1/orders/{id}/comments}. */
    public synchronized boolean addComment(int entityId, String comment, boolean customerNotified, String status) {
        OrderRecord order = requireOrder(entityId);
        ObjectNode history = JsonHttp.nodes().objectNode().put("entity_id", entityId * 1000 + order.comments.size() + 1)
                .put("parent_id", entityId).put("comment", comment).put("is_customer_notified", customerNotified ? 1 : 0)
                .put("is_visible_on_front", 0).put("status", status == null ? order.status : status)
                .put("entity_name", "order").put("created_at", now());
        order.comments.add(history);
        return true;
    }

    /** Quantities per order item id; empty means everything still open. */
    private static Map<Integer, BigDecimal> wanted(OrderRecord order, Map<Integer, BigDecimal> items,
                                                   java.util.function.Function<OrderRecord.Line, BigDecimal> open) {
        Map<Integer, BigDecimal> out = new LinkedHashMap<>();
        if (items.isEmpty()) {
            order.lines.forEach(l -> {
                if (open.apply(l).signum() > 0) {
                    out.put(l.itemId, open.apply(l));
                }
            });
            return out;
        }
        items.forEach((itemId, qty) -> {
            OrderRecord.Line line = order.line(itemId);
            if (qty.signum() <= 0 || qty.compareTo(open.apply(line)) > 0) {
                throw MagentoError.badRequest("The quantity to process for item " + line.sku + " is " + qty
                        + " but only " + open.apply(line) + " can be processed.");
            }
            out.put(itemId, qty);
        });
        return out;
    }

    /** {@code POST /V1/order/{orderId}/invoice}. */
    public synchronized int invoice(int orderId, Map<Integer, BigDecimal> items, boolean capture) {
        OrderRecord order = requireOrder(orderId);
        Map<Integer, BigDecimal> qtys = "canceled".equals(order.state) ? Map.of()
                : wanted(order, items, l -> l.qty.subtract(l.invoiced).subtract(l.canceled));
        if (qtys.isEmpty()) {
            throw MagentoError.badRequest("The order does not allow an invoice to be created.");
        }
        int id = ++documentIds;
        ObjectNode json = document(order, "invoice", id, qtys);
        json.put("state", capture ? 2 : 1);
        qtys.forEach((itemId, qty) -> order.line(itemId).invoiced = order.line(itemId).invoiced.add(qty));
        return record(order, new OrderRecord.Document(id, "invoice", json), null);
    }

    /**
     * {@code POST /V1/order/{orderId}/ship}: MSI deducts the quantities from the stock's highest-priority source
     * holding them and appends compensating reservations, so salable quantity does not move twice.
     */
    public synchronized int ship(int orderId, Map<Integer, BigDecimal> items, List<ObjectNode> tracks) {
        return ship(orderId, items, tracks, null);
    }

    /** Ships from the given MSI source ({@code arguments.extension_attributes.source_code}), or by priority when null. */
    public synchronized int ship(int orderId, Map<Integer, BigDecimal> items, List<ObjectNode> tracks, String sourceCode) {
        OrderRecord order = requireOrder(orderId);
        Map<Integer, BigDecimal> qtys = "canceled".equals(order.state) ? Map.of()
                : wanted(order, items, l -> l.qty.subtract(l.shipped).subtract(l.canceled));
        if (qtys.isEmpty()) {
            throw MagentoError.badRequest("The order does not allow a shipment to be created.");
        }
        int id = ++documentIds;
        ObjectNode json = document(order, "shipment", id, qtys);
        ArrayNode trackJson = json.putArray("tracks");
        for (ObjectNode track : tracks) {
            trackJson.add(track.deepCopy().put("entity_id", id * 10 + trackJson.size() + 1).put("parent_id", id)
                    .put("order_id", orderId).put("created_at", now()));
        }
        String metadata = reservationMetadata("shipment_created", order);
        qtys.forEach((itemId, qty) -> {
            OrderRecord.Line line = order.line(itemId);
            if (sourceCode != null && !inventory.sourcesOf(order.stockId).contains(sourceCode)) {
                throw MagentoError.badRequest("Source \"" + sourceCode + "\" is not linked to the order's stock.");
            }
            String source = inventory.sourcesOf(order.stockId).stream()
                    .filter(code -> sourceCode == null || code.equals(sourceCode))
                    .filter(code -> inventory.item(line.sku, code).map(i -> i.quantity.compareTo(qty) >= 0).orElse(false))
                    .findFirst().orElseThrow(() -> MagentoError.badRequest("Not all of your products are available "
                            + "in the requested quantity."));
            BigDecimal left = inventory.item(line.sku, source).orElseThrow().quantity.subtract(qty);
            inventory.save(line.sku, source, left, left.signum() > 0 ? 1 : 0, now())
                    .ifPresent(item -> emitter.emit(WebhookEmitter.SOURCE_ITEMS_UPDATED, item.toEventJson()));
            inventory.reserve(order.stockId, line.sku, qty, metadata);
            json.put("source_code", source);
            line.shipped = line.shipped.add(qty);
        });
        return record(order, new OrderRecord.Document(id, "shipment", json), WebhookEmitter.SHIPMENT_CREATED);
    }

    /**
     * {@code POST /V1/order/{orderId}/refund} (offline credit memo) of invoiced quantities; items listed in
     * {@code returnToStock} go back to the stock's first source.
     */
    public synchronized int refund(int orderId, Map<Integer, BigDecimal> items, BigDecimal shippingAmount,
                                   BigDecimal adjustmentPositive, BigDecimal adjustmentNegative, List<Integer> returnToStock) {
        OrderRecord order = requireOrder(orderId);
        // lines listed with qty 0 and a positive adjustment: an amount-only credit memo (an "adjustment refund")
        boolean amountOnly = !items.isEmpty() && items.values().stream().allMatch(q -> q.signum() == 0)
                && adjustmentPositive.signum() > 0 && order.lines.stream().anyMatch(l -> l.invoiced.signum() > 0);
        Map<Integer, BigDecimal> qtys = amountOnly ? Map.of() : wanted(order, items, l -> l.invoiced.subtract(l.refunded));
        if (qtys.isEmpty() && !amountOnly) {
            throw MagentoError.badRequest("The order does not allow a creditmemo to be created.");
        }
        int id = ++documentIds;
        ObjectNode json = document(order, "creditmemo", id, qtys);
        BigDecimal subtotal = qtys.entrySet().stream().map(e -> order.line(e.getKey()).price.multiply(e.getValue()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal shipping = shippingAmount == null ? BigDecimal.ZERO : shippingAmount;
        BigDecimal grand = subtotal.add(shipping).add(adjustmentPositive).subtract(adjustmentNegative);
        BigDecimal refundable = order.grandTotal().subtract(order.totalRefunded());
        if (grand.compareTo(refundable) > 0) {
            throw new MagentoError(400, "The most money available to refund is %1.",
                    JsonHttp.nodes().arrayNode().add(refundable.toPlainString()));
        }
        OrderRecord.money(json, "subtotal", subtotal);
        OrderRecord.money(json, "shipping_amount", shipping);
        OrderRecord.money(json, "adjustment_positive", adjustmentPositive);
        OrderRecord.money(json, "adjustment_negative", adjustmentNegative);
        OrderRecord.money(json, "grand_total", grand);
        OrderRecord.money(json, "base_grand_total", grand);
        json.put("state", 2).put("order_currency_code", order.currency).put("base_currency_code", order.currency);
        String firstSource = inventory.sourcesOf(order.stockId).get(0);
        qtys.forEach((itemId, qty) -> {
            OrderRecord.Line line = order.line(itemId);
            line.refunded = line.refunded.add(qty);
            if (returnToStock.contains(itemId)) {
                BigDecimal now = inventory.item(line.sku, firstSource).map(i -> i.quantity).orElse(BigDecimal.ZERO).add(qty);
                inventory.save(line.sku, firstSource, now, 1, now())
                        .ifPresent(item -> emitter.emit(WebhookEmitter.SOURCE_ITEMS_UPDATED, item.toEventJson()));
            }
        });
        return record(order, new OrderRecord.Document(id, "creditmemo", json), WebhookEmitter.CREDITMEMO_CREATED);
    }

    private ObjectNode document(OrderRecord order, String kind, int id, Map<Integer, BigDecimal> qtys) {
        ObjectNode json = JsonHttp.nodes().objectNode().put("entity_id", id).put("order_id", order.entityId)
                .put("increment_id", String.format("%09d", id)).put("store_id", order.store.id())
                .put("created_at", now()).put("updated_at", now());
        OrderRecord.money(json, "total_qty", qtys.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        ArrayNode items = json.putArray("items");
        qtys.forEach((itemId, qty) -> {
            OrderRecord.Line line = order.line(itemId);
            ObjectNode item = items.addObject().put("entity_id", id * 100 + items.size() + 1).put("parent_id", id)
                    .put("order_item_id", itemId).put("product_id", line.productId).put("sku", line.sku)
                    .put("name", line.name);
            OrderRecord.money(item, "qty", qty);
            OrderRecord.money(item, "price", line.price);
            OrderRecord.money(item, "row_total", line.price.multiply(qty));
        });
        if (!"shipment".equals(kind)) {
            OrderRecord.money(json, "grand_total", qtys.entrySet().stream()
                    .map(e -> order.line(e.getKey()).price.multiply(e.getValue())).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        return json;
    }

    private int record(OrderRecord order, OrderRecord.Document document, String event) {
        order.documents.get(document.kind()).add(document);
        order.updatedAt = now();
        order.settleState();
        if (event != null) {
            emitter.emit(event, document.json());
        }
        emitter.emit(WebhookEmitter.ORDER_UPDATED, order.toJson());
        return document.id();
    }

    /** Invoices, shipments or credit memos of every order, as the list endpoints return them. */
    public synchronized List<ObjectNode> documents(String kind) {
        return orders.values().stream().flatMap(o -> o.documents.get(kind).stream())
                .map(d -> d.json().deepCopy()).toList();
    }

    public synchronized Optional<ObjectNode> document(String kind, int id) {
        return orders.values().stream().flatMap(o -> o.documents.get(kind).stream()).filter(d -> d.id() == id)
                .findFirst().map(d -> d.json().deepCopy());
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
