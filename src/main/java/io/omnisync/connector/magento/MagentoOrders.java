package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.xref.CrossReferences;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders: changed since, get, find by ext_order_id, create an order another channel took, invoice, ship with
 * tracks, refund (offline credit memo), cancel and comment; shipments and credit memos created since.
 *
 * <p>External orders go through Magento's cart flow (see README, "Creating orders in Magento"): it is the only
 * REST path on which Magento places MSI reservations, numbers the order and runs its order observers. The
 * channel's order id is kept in {@code ext_order_id} and in the cross-reference table, and every cart is recorded
 * (in its own transaction) before its order is placed, so an attempt after a crash finds the order it already
 * placed instead of placing another.
 */
public class MagentoOrders {

    private static final Logger LOG = LoggerFactory.getLogger(MagentoOrders.class);
    /** Pseudo-system of the carts an import created, keyed {@code <channel order id>#<attempt>}. */
    static final String CART = "magento-cart";

    /** An order taken on another channel, to be created in Magento. */
    public record ExternalOrder(String channel, String channelOrderId, String storeCode, String email,
                                Address shippingAddress, Address billingAddress, List<Line> lines,
                                String currency, BigDecimal channelGrandTotal) {
    }

    /** A postal address as Magento's quote needs it; region may be null where the country has none. */
    public record Address(String firstname, String lastname, String street, String city, String region,
                          String postcode, String countryId, String telephone) {
    }

    /** A SKU and the quantity ordered. */
    public record Line(String sku, BigDecimal quantity) {
    }

    /** The Magento order of an import, and whether this call created it. */
    public record Created(int entityId, String incrementId, boolean created) {
    }

    /** A shipment track: carrier code (e.g. ups, dhl, custom), title and number. */
    public record Track(String carrierCode, String title, String number) {
    }

    private final MagentoClient client;
    private final MagentoProperties properties;
    private final CrossReferences xref;
    private final TransactionTemplate ownTransaction;

    public MagentoOrders(MagentoClient client, MagentoProperties properties, CrossReferences xref,
                         TransactionTemplate ownTransaction) {
        this.client = client;
        this.properties = properties;
        this.xref = xref;
        this.ownTransaction = ownTransaction;
    }

    /** Orders whose updated_at is at or after {@code since} (UTC, {@code yyyy-MM-dd HH:mm:ss}), oldest id first. */
    public Stream<JsonNode> changedSince(String since) {
        return MagentoSearch.of("/V1/orders").where("updated_at", "gteq", since).stream(client, "all", properties.getPageSize());
    }

    /** Shipments or credit memos ({@code /V1/shipments}, {@code /V1/creditmemos}) created at or after {@code since}. */
    public Stream<JsonNode> documentsCreatedSince(String listPath, String since) {
        return MagentoSearch.of(listPath).where("created_at", "gteq", since).stream(client, "all", properties.getPageSize());
    }

    public JsonNode get(int entityId) {
        return client.get("all", "/V1/orders/" + entityId);
    }

    /** The order whose ext_order_id is this value, if any. */
    public Optional<JsonNode> findByExtOrderId(String extOrderId) {
        return MagentoSearch.of("/V1/orders").where("ext_order_id", "eq", extOrderId).stream(client, "all", 10)
                .filter(o -> extOrderId.equals(o.path("ext_order_id").asText(null))).findFirst();
    }

    /** The value kept in Magento's ext_order_id for a channel order. */
    public static String extOrderId(String channel, String channelOrderId) {
        return channel + ":" + channelOrderId;
    }

    /**
     * Creates the order once. Looks in order: the cross-reference, Magento's ext_order_id, the carts of earlier
     * attempts (an order placed but not yet marked); only then places a new one.
     */
    public Created createExternal(ExternalOrder order) {
        Optional<String> known = xref.find(MagentoOrderReferences.ORDER, order.channel(), order.channelOrderId(),
                MagentoOrderReferences.MAGENTO_ENTITY);
        if (known.isPresent()) {
            JsonNode existing = get(Integer.parseInt(known.get()));
            return new Created(existing.path("entity_id").asInt(), existing.path("increment_id").asText(), false);
        }
        String ext = extOrderId(order.channel(), order.channelOrderId());
        Optional<JsonNode> marked = findByExtOrderId(ext);
        if (marked.isPresent()) {
            return remember(order, marked.get(), false);
        }
        int attempt = 1;
        for (Optional<String> cart = cartOf(order, attempt); cart.isPresent(); cart = cartOf(order, ++attempt)) {
            Optional<JsonNode> placed = MagentoSearch.of("/V1/orders").where("quote_id", "eq", cart.get())
                    .stream(client, "all", 10).findFirst();
            if (placed.isPresent()) {
                LOG.info("{} order {} was placed as Magento order {} by an earlier attempt; marking it", order.channel(),
                        order.channelOrderId(), placed.get().path("increment_id").asText());
                return remember(order, mark(placed.get(), ext), false);
            }
        }
        int cartId = client.post(order.storeCode(), "/V1/carts/", null).asInt();
        int thisAttempt = attempt;
        ownTransaction.executeWithoutResult(s -> xref.link(MagentoOrderReferences.ORDER, order.channel(),
                order.channelOrderId() + "#" + thisAttempt, CART, String.valueOf(cartId)));
        fillCart(order, cartId);
        ObjectNode payment = client.mapper().createObjectNode();
        payment.putObject("paymentMethod").put("method", properties.getOrders().getPaymentMethod());
        int entityId = client.put(order.storeCode(), "/V1/carts/" + cartId + "/order", payment).asInt();
        JsonNode placed = mark(get(entityId), ext);
        comment(entityId, "Imported by omnisync from " + order.channel() + " order " + order.channelOrderId()
                + (order.channelGrandTotal() == null ? "" : "; the channel charged " + order.currency() + " "
                + order.channelGrandTotal().toPlainString()));
        return remember(order, placed, true);
    }

    private Optional<String> cartOf(ExternalOrder order, int attempt) {
        return xref.find(MagentoOrderReferences.ORDER, order.channel(), order.channelOrderId() + "#" + attempt, CART);
    }

    private void fillCart(ExternalOrder order, int cartId) {
        for (Line line : order.lines()) {
            ObjectNode item = client.mapper().createObjectNode();
            item.putObject("cartItem").put("sku", line.sku()).put("qty", line.quantity())
                    .put("quote_id", String.valueOf(cartId));
            try {
                client.post(order.storeCode(), "/V1/carts/" + cartId + "/items", item);
            } catch (IntegrationException e) {
                throw new IntegrationException(e.errorClass(), "SKU " + line.sku() + " of " + order.channel() + " order "
                        + order.channelOrderId() + " cannot be ordered in store view " + order.storeCode() + ": "
                        + e.getMessage(), e);
            }
        }
        ObjectNode info = client.mapper().createObjectNode();
        ObjectNode addressInformation = info.putObject("addressInformation");
        addressInformation.set("shipping_address", address(order.shippingAddress(), order.email()));
        addressInformation.set("billing_address", address(order.billingAddress() == null ? order.shippingAddress()
                : order.billingAddress(), order.email()));
        String[] method = properties.getOrders().getShippingMethod().split("_", 2);
        addressInformation.put("shipping_carrier_code", method[0]).put("shipping_method_code", method[1]);
        client.post(order.storeCode(), "/V1/carts/" + cartId + "/shipping-information", info);
    }

    private ObjectNode address(Address a, String email) {
        ObjectNode n = client.mapper().createObjectNode().put("firstname", a.firstname()).put("lastname", a.lastname())
                .put("city", a.city()).put("postcode", a.postcode()).put("country_id", a.countryId())
                .put("telephone", a.telephone()).put("email", email)
                .put("region", a.region() == null ? "" : a.region()).put("region_code", "").put("region_id", 0);
        n.putArray("street").add(a.street());
        return n;
    }

    /** Saves ext_order_id on the order ({@code POST /V1/orders} with the order as read, plus the id). */
    private JsonNode mark(JsonNode order, String ext) {
        if (ext.equals(order.path("ext_order_id").asText(null))) {
            return order;
        }
        ObjectNode entity = client.mapper().createObjectNode().put("entity_id", order.path("entity_id").asInt())
                .put("ext_order_id", ext);
        for (String field : List.of("increment_id", "customer_email", "grand_total", "base_grand_total")) {
            entity.set(field, order.get(field));
        }
        ArrayNode items = entity.putArray("items");
        order.path("items").forEach(i -> items.addObject().put("item_id", i.path("item_id").asInt())
                .put("sku", i.path("sku").asText()));
        ObjectNode body = client.mapper().createObjectNode();
        body.set("entity", entity);
        return client.post("all", "/V1/orders", body);
    }

    private Created remember(ExternalOrder order, JsonNode magentoOrder, boolean created) {
        String entityId = magentoOrder.path("entity_id").asText();
        xref.link(MagentoOrderReferences.ORDER, order.channel(), order.channelOrderId(),
                MagentoOrderReferences.MAGENTO_ENTITY, entityId);
        return new Created(Integer.parseInt(entityId), magentoOrder.path("increment_id").asText(), created);
    }

    /** Invoices the given quantities per order item id (all open quantities when empty); answers the invoice id. */
    public int invoice(int entityId, Map<Integer, BigDecimal> items, boolean capture) {
        ObjectNode body = withItems(items).put("capture", capture).put("notify", false);
        return client.post("all", "/V1/order/" + entityId + "/invoice", body).asInt();
    }

    /** Ships the quantities (all open when empty) with tracks; answers the shipment id. */
    public int ship(int entityId, Map<Integer, BigDecimal> items, List<Track> tracks) {
        return ship(entityId, items, tracks, null);
    }

    /**
     * Ships from one MSI source (e.g. the POS location that handed the goods over) instead of Magento's source
     * selection; {@code sourceCode} null lets Magento choose.
     */
    public int ship(int entityId, Map<Integer, BigDecimal> items, List<Track> tracks, String sourceCode) {
        ObjectNode body = withItems(items).put("notify", false);
        if (sourceCode != null) {
            body.putObject("arguments").putObject("extension_attributes").put("source_code", sourceCode);
        }
        ArrayNode array = body.putArray("tracks");
        tracks.forEach(t -> array.addObject().put("carrier_code", t.carrierCode()).put("title", t.title())
                .put("track_number", t.number()));
        return client.post("all", "/V1/order/" + entityId + "/ship", body).asInt();
    }

    /**
     * Refunds offline (a credit memo) the quantities per order item id, plus shipping and adjustments; items in
     * {@code returnToStock} go back to stock. Answers the credit memo id.
     */
    public int refund(int entityId, Map<Integer, BigDecimal> items, BigDecimal shippingAmount,
                      BigDecimal adjustmentPositive, BigDecimal adjustmentNegative, List<Integer> returnToStock) {
        ObjectNode body = withItems(items).put("notify", false);
        ObjectNode arguments = body.putObject("arguments").put("shipping_amount", shippingAmount)
                .put("adjustment_positive", adjustmentPositive).put("adjustment_negative", adjustmentNegative);
        ArrayNode back = arguments.putObject("extension_attributes").putArray("return_to_stock_items");
        returnToStock.forEach(back::add);
        return client.post("all", "/V1/order/" + entityId + "/refund", body).asInt();
    }

    /**
     * An amount-only credit memo (offline): every line with quantity 0 and the amount as a positive adjustment, for
     * money a channel gave back without naming units. Answers the credit memo id.
     */
    public int refundAmount(int entityId, BigDecimal amount) {
        Map<Integer, BigDecimal> none = new java.util.LinkedHashMap<>();
        get(entityId).path("items").forEach(i -> none.put(i.path("item_id").asInt(), BigDecimal.ZERO));
        return refund(entityId, none, BigDecimal.ZERO, amount, BigDecimal.ZERO, List.of());
    }

    /** Cancels the order; false when Magento can no longer cancel it (invoiced or shipped). */
    public boolean cancel(int entityId) {
        return client.post("all", "/V1/orders/" + entityId + "/cancel", null).asBoolean();
    }

    /** Adds a comment to the order's history, not shown to the customer. */
    public void comment(int entityId, String comment) {
        ObjectNode body = client.mapper().createObjectNode();
        body.putObject("statusHistory").put("comment", comment).put("is_customer_notified", 0)
                .put("is_visible_on_front", 0).put("parent_id", entityId);
        if (!client.post("all", "/V1/orders/" + entityId + "/comments", body).asBoolean()) {
            throw new IntegrationException(ErrorClass.VALUE, "Magento did not add the comment to order " + entityId);
        }
    }

    private ObjectNode withItems(Map<Integer, BigDecimal> items) {
        ObjectNode body = client.mapper().createObjectNode();
        if (!items.isEmpty()) {
            ArrayNode array = body.putArray("items");
            items.forEach((id, qty) -> array.addObject().put("order_item_id", id).put("qty", qty));
        }
        return body;
    }
}
