package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.ebay.EbayRoutes.Reply;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Shipping fulfillments and refunds of {@link EbayOrders}. A fulfillment may ship part of a line item's quantity;
 * a line item is FULFILLED once all of it shipped, an order IN_PROGRESS while some but not all lines are, then
 * FULFILLED. Refunds are recorded on the order (paymentSummary.refunds) and may not exceed what was paid.
 * 32100/32200/32300 are the fake's choice of error ids.
 */
final class EbayOrderChanges {

    private static final String DOMAIN = EbayFulfillmentApi.DOMAIN;

    private final EbayOrders orders;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final AtomicLong ids = new AtomicLong(9_400_100_000_000L);

    EbayOrderChanges(EbayOrders orders, Clock clock, Supplier<String> baseUrl) {
        this.orders = orders;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** createShippingFulfillment: 201 with Location {@code .../order/{orderId}/shipping_fulfillment/{fulfillmentId}}. */
    Reply ship(String orderId, JsonNode body) {
        synchronized (orders) {
            ObjectNode order = live(orderId);
            Map<String, Integer> shipped = shippedQuantities(orderId);
            Map<String, Integer> adding = new HashMap<>();
            for (JsonNode line : body.path("lineItems")) {
                String lineItemId = line.path("lineItemId").asText();
                JsonNode item = lineItem(order, lineItemId);
                int quantity = line.path("quantity").asInt(item.path("quantity").asInt());
                int open = item.path("quantity").asInt() - shipped.getOrDefault(lineItemId, 0) - adding.getOrDefault(lineItemId, 0);
                if (quantity < 1 || quantity > open) {
                    throw EbayFakeError.badRequest(32200, DOMAIN, "Invalid quantity for line item " + lineItemId + ": "
                            + open + " left to ship.", "lineItemId", lineItemId, "quantity", String.valueOf(quantity));
                }
                adding.merge(lineItemId, quantity, Integer::sum);
            }
            if (adding.isEmpty() || body.path("trackingNumber").asText("").isEmpty()
                    || body.path("shippingCarrierCode").asText("").isEmpty()) {
                throw EbayFakeError.badRequest(32200, DOMAIN, "lineItems, shippingCarrierCode and trackingNumber are required.");
            }
            String fulfillmentId = String.valueOf(ids.getAndIncrement());
            ObjectNode fulfillment = JsonNodeFactory.instance.objectNode().put("fulfillmentId", fulfillmentId)
                    .put("shipmentTrackingNumber", body.path("trackingNumber").asText())
                    .put("shippingCarrierCode", body.path("shippingCarrierCode").asText())
                    .put("shippedDate", body.path("shippedDate").asText(EbayOrders.TIMESTAMP.format(clock.instant())));
            fulfillment.set("lineItems", body.path("lineItems").deepCopy());
            orders.liveFulfillments(orderId).add(fulfillment);
            adding.forEach((id, q) -> shipped.merge(id, q, Integer::sum));
            updateStatuses(order, shipped);
            String location = baseUrl.get() + "/sell/fulfillment/v1/order/" + orderId + "/shipping_fulfillment/" + fulfillmentId;
            order.withArrayProperty("fulfillmentHrefs").add(location);
            orders.touch(orderId);
            return Reply.created(null, location);
        }
    }

    /** issueRefund: 200 {refundId, refundStatus}; the order's payment status becomes partially or fully refunded. */
    Reply refund(String orderId, JsonNode body) {
        synchronized (orders) {
            ObjectNode order = live(orderId);
            String currency = order.at("/pricingSummary/total/currency").asText();
            BigDecimal amount = BigDecimal.ZERO;
            if (body.has("orderLevelRefundAmount")) {
                amount = amount(body.path("orderLevelRefundAmount"), currency);
            }
            for (JsonNode item : body.path("refundItems")) {
                lineItem(order, item.path("lineItemId").asText());
                amount = amount.add(amount(item.path("refundAmount"), currency));
            }
            BigDecimal total = new BigDecimal(order.at("/pricingSummary/total/value").asText());
            BigDecimal refunded = BigDecimal.ZERO;
            for (JsonNode earlier : order.at("/paymentSummary/refunds")) {
                refunded = refunded.add(new BigDecimal(earlier.at("/amount/value").asText()));
            }
            if (amount.signum() <= 0 || refunded.add(amount).compareTo(total) > 0) {
                throw EbayFakeError.badRequest(32300, DOMAIN, "The refund amount exceeds what can be refunded: "
                        + total.subtract(refunded).toPlainString() + " " + currency + ".", "amount", amount.toPlainString());
            }
            String refundId = "5" + ids.getAndIncrement();
            ObjectNode refund = order.withObjectProperty("paymentSummary").withArrayProperty("refunds").addObject()
                    .put("refundId", refundId).put("refundStatus", "PENDING")
                    .put("refundDate", EbayOrders.TIMESTAMP.format(clock.instant()));
            refund.set("amount", EbayListings.amount(amount, currency));
            order.put("orderPaymentStatus", refunded.add(amount).compareTo(total) == 0 ? "FULLY_REFUNDED" : "PARTIALLY_REFUNDED");
            orders.touch(orderId);
            return Reply.ok(JsonNodeFactory.instance.objectNode().put("refundId", refundId).put("refundStatus", "PENDING"));
        }
    }

    private ObjectNode live(String orderId) {
        ObjectNode order = orders.live(orderId);
        if (order == null) {
            throw EbayFakeError.notFound(DOMAIN, "Order not found.");
        }
        return order;
    }

    private Map<String, Integer> shippedQuantities(String orderId) {
        Map<String, Integer> shipped = new HashMap<>();
        for (ObjectNode f : orders.liveFulfillments(orderId)) {
            f.path("lineItems").forEach(l -> shipped.merge(l.path("lineItemId").asText(), l.path("quantity").asInt(), Integer::sum));
        }
        return shipped;
    }

    private static void updateStatuses(ObjectNode order, Map<String, Integer> shipped) {
        boolean all = true;
        boolean any = false;
        for (JsonNode item : order.path("lineItems")) {
            int done = shipped.getOrDefault(item.path("lineItemId").asText(), 0);
            boolean full = done >= item.path("quantity").asInt();
            ((ObjectNode) item).put("lineItemFulfillmentStatus", full ? "FULFILLED" : done > 0 ? "IN_PROGRESS" : "NOT_STARTED");
            all &= full;
            any |= done > 0;
        }
        order.put("orderFulfillmentStatus", all ? "FULFILLED" : any ? "IN_PROGRESS" : "NOT_STARTED");
    }

    private static JsonNode lineItem(ObjectNode order, String lineItemId) {
        for (JsonNode item : order.path("lineItems")) {
            if (item.path("lineItemId").asText().equals(lineItemId)) {
                return item;
            }
        }
        throw EbayFakeError.badRequest(32100, DOMAIN, "Invalid line item id: " + lineItemId, "lineItemId", lineItemId);
    }

    private static BigDecimal amount(JsonNode amount, String currency) {
        if (!currency.equals(amount.path("currency").asText())) {
            throw EbayFakeError.badRequest(32300, DOMAIN, "Invalid currency; the order's currency is " + currency + ".",
                    "currency", amount.path("currency").asText(""));
        }
        try {
            return new BigDecimal(amount.path("value").asText());
        } catch (NumberFormatException e) {
            throw EbayFakeError.badRequest(32300, DOMAIN, "Invalid refund amount.", "value", amount.path("value").asText(""));
        }
    }
}
