package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A placed order with its invoices, shipments, credit memos and comments. Not thread-safe: guarded by
 * {@link MagentoStore}.
 */
final class OrderRecord {

    static final BigDecimal SHIPPING = new BigDecimal("5.00");

    /** An order line; the invoiced, shipped and refunded quantities grow with the sales documents. */
    static final class Line {
        final int itemId;
        final int productId;
        final String sku;
        final String name;
        final BigDecimal qty;
        final BigDecimal price;
        BigDecimal invoiced = BigDecimal.ZERO;
        BigDecimal shipped = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        BigDecimal canceled = BigDecimal.ZERO;

        Line(int itemId, int productId, String sku, String name, BigDecimal qty, BigDecimal price) {
            this.itemId = itemId;
            this.productId = productId;
            this.sku = sku;
            this.name = name;
            this.qty = qty;
            this.price = price;
        }

        BigDecimal rowTotal() {
            return price.multiply(qty);
        }

        BigDecimal qty() {
            return qty;
        }

        String sku() {
            return sku;
        }
    }

    record Customer(String firstname, String lastname, String email, String street, String city, String postcode,
                    String countryId, String telephone) {
    }

    /** An invoice, shipment or credit memo: its id, increment id and JSON as the REST API returns it. */
    record Document(int id, String kind, ObjectNode json) {
    }

    final int entityId;
    final StoreTopology.StoreView store;
    final String storeName;
    final String currency;
    final int stockId;
    final Customer customer;
    final Integer customerId;
    final int quoteId;
    final String createdAt;
    final List<Line> lines = new ArrayList<>();
    final List<ObjectNode> comments = new ArrayList<>();
    final Map<String, List<Document>> documents = new LinkedHashMap<>();
    String state = "new";
    String status = "pending";
    String extOrderId;
    String paymentMethod = "checkmo";
    String updatedAt;

    OrderRecord(int entityId, StoreTopology.StoreView store, String storeName, String currency, int stockId,
                Customer customer, Integer customerId, int quoteId, String createdAt) {
        this.entityId = entityId;
        this.store = store;
        this.storeName = storeName;
        this.currency = currency;
        this.stockId = stockId;
        this.customer = customer;
        this.customerId = customerId;
        this.quoteId = quoteId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        documents.put("invoice", new ArrayList<>());
        documents.put("shipment", new ArrayList<>());
        documents.put("creditmemo", new ArrayList<>());
    }

    String incrementId() {
        return String.format("%09d", entityId);
    }

    Line line(int itemId) {
        return lines.stream().filter(l -> l.itemId == itemId).findFirst().orElseThrow(() -> MagentoError.badRequest(
                "The order item with ID \"" + itemId + "\" does not belong to order " + incrementId() + "."));
    }

    BigDecimal subtotal() {
        return lines.stream().map(Line::rowTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal grandTotal() {
        return subtotal().add(SHIPPING);
    }

    private BigDecimal sum(java.util.function.Function<Line, BigDecimal> f) {
        return lines.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal totalRefunded() {
        return documents.get("creditmemo").stream().map(d -> d.json().get("grand_total").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Magento's state machine after a sales document: processing, complete or closed. */
    void settleState() {
        if ("canceled".equals(state)) {
            return;
        }
        boolean anyInvoiced = sum(l -> l.invoiced).signum() > 0;
        boolean anyShipped = sum(l -> l.shipped).signum() > 0;
        boolean allRefunded = lines.stream().allMatch(l -> l.refunded.compareTo(l.qty) >= 0);
        boolean allDone = lines.stream().allMatch(l -> l.invoiced.compareTo(l.qty) >= 0 && l.shipped.compareTo(l.qty) >= 0);
        if (allRefunded && anyInvoiced) {
            state = "closed";
        } else if (allDone) {
            state = "complete";
        } else if (anyInvoiced || anyShipped) {
            state = "processing";
        }
        status = state;
    }

    /** The order as {@code GET /V1/orders/{id}} returns it. */
    ObjectNode toJson() {
        BigDecimal subtotal = subtotal();
        BigDecimal grandTotal = grandTotal();
        ObjectNode o = JsonHttp.nodes().objectNode();
        o.put("entity_id", entityId).put("increment_id", incrementId());
        if (extOrderId == null) {
            o.putNull("ext_order_id");
        } else {
            o.put("ext_order_id", extOrderId);
        }
        o.put("quote_id", quoteId).put("store_id", store.id()).put("store_name", storeName)
                .put("state", state).put("status", status).put("customer_is_guest", customerId == null ? 1 : 0)
                .put("customer_email", customer.email()).put("customer_firstname", customer.firstname())
                .put("customer_lastname", customer.lastname()).put("customer_group_id", customerId == null ? 0 : 1)
                .put("order_currency_code", currency).put("base_currency_code", currency)
                .put("global_currency_code", "USD").put("store_currency_code", currency);
        if (customerId != null) {
            o.put("customer_id", customerId);
        }
        money(o, "subtotal", subtotal);
        money(o, "base_subtotal", subtotal);
        money(o, "shipping_amount", SHIPPING);
        money(o, "base_shipping_amount", SHIPPING);
        money(o, "tax_amount", BigDecimal.ZERO);
        money(o, "grand_total", grandTotal);
        money(o, "base_grand_total", grandTotal);
        money(o, "total_qty_ordered", sum(Line::qty));
        if (sum(l -> l.invoiced).signum() > 0) {
            money(o, "total_invoiced", grandTotal);
            money(o, "total_paid", grandTotal);
        }
        if (!documents.get("creditmemo").isEmpty()) {
            money(o, "total_refunded", totalRefunded());
        }
        o.put("total_item_count", lines.size()).put("created_at", createdAt).put("updated_at", updatedAt);
        ArrayNode items = o.putArray("items");
        lines.forEach(l -> items.add(lineJson(l)));
        o.set("billing_address", addressJson("billing"));
        o.putObject("payment").put("method", paymentMethod).put("parent_id", entityId);
        ArrayNode histories = o.putArray("status_histories");
        comments.forEach(c -> histories.add(c.deepCopy()));
        ObjectNode assignment = o.putObject("extension_attributes").putArray("shipping_assignments").addObject();
        ObjectNode shipping = assignment.putObject("shipping");
        shipping.set("address", addressJson("shipping"));
        shipping.put("method", "flatrate_flatrate");
        return o;
    }

    static void money(ObjectNode node, String field, BigDecimal value) {
        node.set(field, JsonHttp.number(value));
    }

    private ObjectNode lineJson(Line l) {
        ObjectNode i = JsonHttp.nodes().objectNode().put("item_id", l.itemId).put("order_id", entityId)
                .put("quote_item_id", l.itemId).put("product_id", l.productId).put("sku", l.sku).put("name", l.name)
                .put("product_type", "simple").put("store_id", store.id()).put("is_virtual", 0)
                .put("created_at", createdAt).put("updated_at", updatedAt);
        money(i, "qty_ordered", l.qty);
        money(i, "qty_invoiced", l.invoiced);
        money(i, "qty_shipped", l.shipped);
        money(i, "qty_refunded", l.refunded);
        money(i, "qty_canceled", l.canceled);
        money(i, "price", l.price);
        money(i, "base_price", l.price);
        money(i, "original_price", l.price);
        money(i, "row_total", l.rowTotal());
        money(i, "base_row_total", l.rowTotal());
        return i;
    }

    private ObjectNode addressJson(String type) {
        ObjectNode a = JsonHttp.nodes().objectNode().put("address_type", type).put("entity_id", entityId * 2
                        + ("billing".equals(type) ? 0 : 1))
                .put("parent_id", entityId).put("firstname", customer.firstname())
                .put("lastname", customer.lastname()).put("email", customer.email())
                .put("city", customer.city()).put("postcode", customer.postcode())
                .put("country_id", customer.countryId()).put("telephone", customer.telephone());
        a.putArray("street").add(customer.street());
        return a;
    }
}
