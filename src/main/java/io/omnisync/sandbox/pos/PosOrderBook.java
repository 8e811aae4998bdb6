package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counter sales and returns as Square records them: a COMPLETED order (line items referring to catalog variations,
 * an inclusive 19% VAT, a card tender), its payment, the inventory moved out of (or back into) IN_STOCK at the
 * location, and the webhooks: {@code order.created}, {@code payment.created} (APPROVED) and {@code payment.updated}
 * (COMPLETED) for a sale; {@code order.created}, {@code refund.created} (PENDING) and {@code refund.updated}
 * (COMPLETED) for a return.
 */
public final class PosOrderBook {

    private static final BigDecimal VAT_PERCENT = new BigDecimal("19");

    private final Object lock;
    private final PosCatalogBook catalog;
    private final PosInventoryBook inventory;
    private final PosWebhooks webhooks;
    private final Supplier<String> now;
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, ObjectNode> payments = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong(1000);

    PosOrderBook(Object lock, PosCatalogBook catalog, PosInventoryBook inventory, PosWebhooks webhooks, Supplier<String> now) {
        this.lock = lock;
        this.catalog = catalog;
        this.inventory = inventory;
        this.webhooks = webhooks;
        this.now = now;
    }

    /** Rings up a paid counter sale of these SKUs and quantities at a location; answers the order. */
    public ObjectNode sell(String locationId, Map<String, Integer> skuQuantities) {
        ObjectNode order;
        ObjectNode payment;
        synchronized (lock) {
            String time = now.get();
            order = order("ORD-" + sequence.incrementAndGet(), locationId, time);
            ArrayNode lines = order.putArray("line_items");
            long total = 0;
            for (Map.Entry<String, Integer> e : skuQuantities.entrySet()) {
                ObjectNode variation = catalog.variationBySku(e.getKey())
                        .orElseThrow(() -> new IllegalArgumentException("no variation with SKU " + e.getKey()));
                long price = variation.path("item_variation_data").path("price_money").path("amount").asLong();
                long gross = price * e.getValue();
                total += gross;
                ObjectNode line = lines.addObject().put("uid", "line-" + lines.size()).put("name", "Omnisync " + e.getKey())
                        .put("quantity", String.valueOf(e.getValue())).put("catalog_object_id", variation.path("id").asText())
                        .put("catalog_version", variation.path("version").asLong()).put("variation_name", "Regular")
                        .put("item_type", "ITEM");
                line.set("base_price_money", money(price));
                line.set("gross_sales_money", money(gross));
                line.set("total_tax_money", money(vat(gross)));
                line.set("total_discount_money", money(0));
                line.set("total_money", money(gross));
                line.putArray("applied_taxes").addObject().put("uid", "applied-vat").put("tax_uid", "vat")
                        .set("applied_money", money(vat(gross)));
                inventory.adjust(variation.path("id").asText(), locationId, BigDecimal.valueOf(-e.getValue()), time);
            }
            order.putArray("taxes").addObject().put("uid", "vat").put("name", "VAT").put("percentage", VAT_PERCENT.toPlainString())
                    .put("type", "INCLUSIVE").put("scope", "ORDER").set("applied_money", money(vat(total)));
            payment = payment("PAY-" + order.path("id").asText().substring(4), order, total, time);
            order.putArray("tenders").addObject().put("id", payment.path("id").asText()).put("location_id", locationId)
                    .put("type", "CARD").put("payment_id", payment.path("id").asText()).set("amount_money", money(total));
            totals(order, total, vat(total));
            orders.put(order.path("id").asText(), order);
            payments.put(payment.path("id").asText(), payment);
        }
        webhooks.emit("order.created", "order", order.path("id").asText(), orderCreated(order));
        ObjectNode approved = payment.deepCopy().put("status", "APPROVED");
        webhooks.emit("payment.created", "payment", payment.path("id").asText(), wrap("payment", approved));
        webhooks.emit("payment.updated", "payment", payment.path("id").asText(), wrap("payment", payment));
        return order.deepCopy();
    }

    /** Takes back units of an earlier sale and refunds them to the card; answers the return order. */
    public ObjectNode returnItems(String originalOrderId, Map<String, Integer> skuQuantities) {
        ObjectNode ret;
        ObjectNode refund;
        synchronized (lock) {
            ObjectNode original = Optional.ofNullable(orders.get(originalOrderId))
                    .orElseThrow(() -> new IllegalArgumentException("no order " + originalOrderId));
            String time = now.get();
            String location = original.path("location_id").asText();
            ret = order("ORD-" + sequence.incrementAndGet(), location, time);
            ObjectNode entry = ret.putArray("returns").addObject().put("uid", "return-1").put("source_order_id", originalOrderId);
            ArrayNode lines = entry.putArray("return_line_items");
            long total = 0;
            for (Map.Entry<String, Integer> e : skuQuantities.entrySet()) {
                JsonNode sold = soldLine(original, e.getKey());
                long refunded = sold.path("base_price_money").path("amount").asLong() * e.getValue();
                total += refunded;
                ObjectNode line = lines.addObject().put("uid", "return-line-" + lines.size())
                        .put("source_line_item_uid", sold.path("uid").asText()).put("quantity", String.valueOf(e.getValue()))
                        .put("catalog_object_id", sold.path("catalog_object_id").asText()).put("item_type", "ITEM");
                line.set("base_price_money", sold.path("base_price_money").deepCopy());
                line.set("total_money", money(refunded));
                inventory.adjust(sold.path("catalog_object_id").asText(), location, BigDecimal.valueOf(e.getValue()), time);
            }
            ObjectNode amounts = entry.putObject("return_amounts");
            amounts.set("total_money", money(total));
            amounts.set("tax_money", money(vat(total)));
            ret.set("return_amounts", amounts.deepCopy());
            totals(ret, 0, 0);
            orders.put(ret.path("id").asText(), ret);
            String paymentId = original.path("tenders").path(0).path("payment_id").asText();
            refund = JsonHttp.nodes().objectNode().put("id", "REF-" + ret.path("id").asText().substring(4))
                    .put("status", "COMPLETED").put("location_id", location).put("order_id", ret.path("id").asText())
                    .put("payment_id", paymentId).put("reason", "Returned at the counter").put("created_at", time)
                    .put("updated_at", time);
            refund.set("amount_money", money(total));
        }
        webhooks.emit("order.created", "order", ret.path("id").asText(), orderCreated(ret));
        webhooks.emit("refund.created", "refund", refund.path("id").asText(), wrap("refund", refund.deepCopy().put("status", "PENDING")));
        webhooks.emit("refund.updated", "refund", refund.path("id").asText(), wrap("refund", refund));
        return ret.deepCopy();
    }

    /** A demo sale: one to three SKUs in stock at the Berlin store, one or two units each; empty when nothing is in stock. */
    public Optional<ObjectNode> demoSale(Random random) {
        Map<String, Integer> basket = new LinkedHashMap<>();
        synchronized (lock) {
            List<ObjectNode> inStock = new ArrayList<>(catalog.variations().stream().filter(v ->
                    inventory.quantity(v.path("id").asText(), PosCatalogBook.BERLIN).compareTo(BigDecimal.ONE) >= 0).toList());
            for (int i = 0, n = 1 + random.nextInt(3); i < n && !inStock.isEmpty(); i++) {
                ObjectNode v = inStock.remove(random.nextInt(inStock.size()));
                basket.put(v.path("item_variation_data").path("sku").asText(), 1 + random.nextInt(2));
            }
        }
        return basket.isEmpty() ? Optional.empty() : Optional.of(sell(PosCatalogBook.BERLIN, basket));
    }

    /** The orders with these ids, optionally only at one location. */
    List<ObjectNode> retrieve(List<String> ids, String locationId) {
        synchronized (lock) {
            return ids.stream().map(orders::get).filter(o -> o != null)
                    .filter(o -> locationId == null || locationId.equals(o.path("location_id").asText())).toList();
        }
    }

    public Optional<ObjectNode> payment(String id) {
        synchronized (lock) {
            return Optional.ofNullable(payments.get(id)).map(ObjectNode::deepCopy);
        }
    }

    private JsonNode soldLine(ObjectNode original, String sku) {
        String variation = catalog.variationBySku(sku).map(v -> v.path("id").asText())
                .orElseThrow(() -> new IllegalArgumentException("no variation with SKU " + sku));
        for (JsonNode line : original.path("line_items")) {
            if (variation.equals(line.path("catalog_object_id").asText())) {
                return line;
            }
        }
        throw new IllegalArgumentException("order " + original.path("id").asText() + " sold no " + sku);
    }

    private ObjectNode order(String id, String locationId, String time) {
        if (!catalog.hasLocation(locationId)) {
            throw new IllegalArgumentException("no location " + locationId);
        }
        ObjectNode order = JsonHttp.nodes().objectNode().put("id", id).put("location_id", locationId)
                .put("created_at", time).put("updated_at", time).put("closed_at", time).put("state", "COMPLETED").put("version", 4);
        order.putObject("source").put("name", "Omnisync POS fake");
        return order;
    }

    private ObjectNode payment(String id, ObjectNode order, long total, String time) {
        ObjectNode payment = JsonHttp.nodes().objectNode().put("id", id).put("status", "COMPLETED").put("source_type", "CARD")
                .put("order_id", order.path("id").asText()).put("location_id", order.path("location_id").asText())
                .put("created_at", time).put("updated_at", time);
        payment.set("amount_money", money(total));
        payment.set("total_money", money(total));
        return payment;
    }

    private static void totals(ObjectNode order, long total, long tax) {
        order.set("total_money", money(total));
        order.set("total_tax_money", money(tax));
        order.set("total_discount_money", money(0));
        order.set("total_tip_money", money(0));
        order.set("total_service_charge_money", money(0));
    }

    private static ObjectNode orderCreated(ObjectNode order) {
        return wrap("order_created", JsonHttp.nodes().objectNode().put("order_id", order.path("id").asText())
                .put("version", order.path("version").asLong()).put("location_id", order.path("location_id").asText())
                .put("state", order.path("state").asText()).put("created_at", order.path("created_at").asText()));
    }

    private static ObjectNode wrap(String name, ObjectNode value) {
        ObjectNode object = JsonHttp.nodes().objectNode();
        object.set(name, value);
        return object;
    }

    /** The VAT included in a gross amount of cents, rounded half up. */
    private static long vat(long gross) {
        return Math.round(gross * VAT_PERCENT.doubleValue() / (100 + VAT_PERCENT.doubleValue()));
    }

    private static ObjectNode money(long cents) {
        return JsonHttp.nodes().objectNode().put("amount", cents).put("currency", "EUR");
    }
}
