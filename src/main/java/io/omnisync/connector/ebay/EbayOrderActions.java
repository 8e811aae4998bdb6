package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.channel.ChannelOrderActions;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderShipped;
import io.omnisync.platform.event.RefundIssued;
import java.util.ArrayList;
import java.util.List;

/** Magento's shipments and credit memos to eBay: createShippingFulfillment and issueRefund. */
public class EbayOrderActions implements ChannelOrderActions {

    private final EbayFulfillment fulfillment;

    public EbayOrderActions(EbayFulfillment fulfillment) {
        this.fulfillment = fulfillment;
    }

    @Override
    public String channel() {
        return "ebay";
    }

    /** Matches SKUs to the order's line items; skips when eBay already shows those lines fulfilled. */
    @Override
    public boolean confirmShipment(String orderId, String marketplaceId, OrderShipped shipment, String carrier) {
        JsonNode order = fulfillment.getOrder(orderId).orElseThrow(() -> new IntegrationException(ErrorClass.MISSING,
                "eBay has no order " + orderId + " for Magento shipment " + shipment.shipmentId()));
        List<EbayShipment.Line> lines = new ArrayList<>();
        boolean anythingOpen = false;
        for (OrderLine line : shipment.lines()) {
            JsonNode item = lineItem(order, line.sku(), orderId);
            anythingOpen |= !"FULFILLED".equals(item.path("lineItemFulfillmentStatus").asText());
            lines.add(new EbayShipment.Line(item.path("lineItemId").asText(), line.quantity().intValueExact()));
        }
        if (!anythingOpen) {
            return false;
        }
        fulfillment.createShippingFulfillment(orderId, new EbayShipment(lines, carrier, shipment.trackingNumber(),
                shipment.shippedAt()));
        return true;
    }

    /** Refunds what Magento credited beyond what eBay already refunded (PENDING refunds count as refunded). */
    @Override
    public boolean refund(String orderId, String marketplaceId, RefundIssued refund, java.math.BigDecimal refundedInMagento) {
        JsonNode order = fulfillment.getOrder(orderId).orElseThrow(() -> new IntegrationException(ErrorClass.MISSING,
                "eBay has no order " + orderId + " for Magento credit memo " + refund.refundId()));
        java.math.BigDecimal onEbay = java.math.BigDecimal.ZERO;
        for (JsonNode r : order.at("/paymentSummary/refunds")) {
            if (!"FAILED".equals(r.path("refundStatus").asText())) {
                onEbay = onEbay.add(new java.math.BigDecimal(r.at("/amount/value").asText("0")));
            }
        }
        java.math.BigDecimal due = refundedInMagento.subtract(onEbay).min(refund.amount());
        if (due.signum() > 0) {
            fulfillment.issueRefund(orderId, new EbayRefund("OTHER", "Magento credit memo " + refund.refundId(),
                    List.of(), due, refund.currency()));
        }
        return true;
    }

    private static JsonNode lineItem(JsonNode order, String sku, String orderId) {
        for (JsonNode item : order.path("lineItems")) {
            if (sku.equals(item.path("sku").asText())) {
                return item;
            }
        }
        throw new IntegrationException(ErrorClass.MISSING, "eBay order " + orderId + " has no line with SKU " + sku);
    }
}
