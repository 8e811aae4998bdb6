package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A placed order. Not thread-safe: guarded by {@link MagentoStore}. */
final class OrderRecord {

    static final BigDecimal SHIPPING = new BigDecimal("5.00");

    record Line(int itemId, int productId, String sku, String name, BigDecimal qty, BigDecimal price) {
        BigDecimal rowTotal() {
            return price.multiply(qty);
        }
    }

    record Customer(String firstname, String lastname, String email, String street, String city, String postcode,
                    String countryId, String telephone) {
    }

    final int entityId;
    final StoreTopology.StoreView store;
    final String storeName;
    final String currency;
    final int stockId;
    final Customer customer;
    final String createdAt;
    final List<Line> lines = new ArrayList<>();
    String state = "new";
    String status = "pending";
    String updatedAt;

    OrderRecord(int entityId, StoreTopology.StoreView store, String storeName, String currency, int stockId,
                Customer customer, String createdAt) {
        this.entityId = entityId;
        this.store = store;
        this.storeName = storeName;
        this.currency = currency;
        this.stockId = stockId;
        this.customer = customer;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String incrementId() {
        return String.format("%09d", entityId);
    }

    private BigDecimal subtotal() {
        return lines.stream().map(Line::rowTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The order as {@code GET /V1/orders/{id}} returns it. */
    ObjectNode toJson() {
        BigDecimal subtotal = subtotal();
        BigDecimal grandTotal = subtotal.add(SHIPPING);
        BigDecimal qty = lines.stream().map(Line::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
        ObjectNode o = JsonHttp.nodes().objectNode();
        o.put("entity_id", entityId).put("increment_id", incrementId()).putNull("ext_order_id");
        o.put("quote_id", entityId).put("store_id", store.id()).put("store_name", storeName)
                .put("state", state).put("status", status).put("customer_is_guest", 1)
                .put("customer_email", customer.email()).put("customer_firstname", customer.firstname())
                .put("customer_lastname", customer.lastname()).put("customer_group_id", 0)
                .put("order_currency_code", currency).put("base_currency_code", currency)
                .put("global_currency_code", "USD").put("store_currency_code", currency);
        money(o, "subtotal", subtotal);
        money(o, "base_subtotal", subtotal);
        money(o, "shipping_amount", SHIPPING);
        money(o, "base_shipping_amount", SHIPPING);
        money(o, "tax_amount", BigDecimal.ZERO);
        money(o, "grand_total", grandTotal);
        money(o, "base_grand_total", grandTotal);
        money(o, "total_qty_ordered", qty);
        o.put("total_item_count", lines.size()).put("created_at", createdAt).put("updated_at", updatedAt);
        ArrayNode items = o.putArray("items");
        lines.forEach(l -> items.add(lineJson(l)));
        o.set("billing_address", addressJson());
        o.putObject("payment").put("method", "checkmo").put("parent_id", entityId);
        return o;
    }

    private static void money(ObjectNode node, String field, BigDecimal value) {
        node.set(field, JsonHttp.number(value));
    }

    private ObjectNode lineJson(Line l) {
        ObjectNode i = JsonHttp.nodes().objectNode().put("item_id", l.itemId()).put("order_id", entityId)
                .put("product_id", l.productId()).put("sku", l.sku()).put("name", l.name())
                .put("product_type", "simple").put("store_id", store.id()).put("is_virtual", 0)
                .put("created_at", createdAt).put("updated_at", updatedAt);
        money(i, "qty_ordered", l.qty());
        money(i, "price", l.price());
        money(i, "base_price", l.price());
        money(i, "original_price", l.price());
        money(i, "row_total", l.rowTotal());
        money(i, "base_row_total", l.rowTotal());
        return i;
    }

    private ObjectNode addressJson() {
        ObjectNode a = JsonHttp.nodes().objectNode().put("address_type", "billing").put("entity_id", entityId)
                .put("parent_id", entityId).put("firstname", customer.firstname())
                .put("lastname", customer.lastname()).put("email", customer.email())
                .put("city", customer.city()).put("postcode", customer.postcode())
                .put("country_id", customer.countryId()).put("telephone", customer.telephone());
        a.putArray("street").add(customer.street());
        return a;
    }
}
