package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.channel.ChannelOrderActions;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderShipped;
import io.omnisync.platform.event.RefundIssued;
import java.util.ArrayList;
import java.util.List;

/** Magento's shipments to Amazon (confirmShipment with the Magento shipment as package); refunds are not offered. */
public class AmazonOrderActions implements ChannelOrderActions {

    private final AmazonOrders orders;

    public AmazonOrderActions(AmazonOrders orders) {
        this.orders = orders;
    }

    @Override
    public String channel() {
        return "amazon";
    }

    /** Matches the shipment's SKUs to Amazon's order items; skips what Amazon already shows fully shipped. */
    @Override
    public boolean confirmShipment(String amazonOrderId, String marketplaceId, OrderShipped shipment, String carrier) {
        List<JsonNode> items = orders.items(amazonOrderId);
        List<ShipmentConfirmation.Item> packaged = new ArrayList<>();
        boolean anythingOpen = false;
        for (OrderLine line : shipment.lines()) {
            JsonNode item = items.stream().filter(i -> line.sku().equals(i.path("SellerSKU").asText())).findFirst()
                    .orElseThrow(() -> new IntegrationException(ErrorClass.MISSING, "Amazon order " + amazonOrderId
                            + " has no item with SKU " + line.sku() + " shipped by Magento shipment " + shipment.shipmentId()));
            anythingOpen |= item.path("QuantityShipped").asInt() < item.path("QuantityOrdered").asInt();
            packaged.add(new ShipmentConfirmation.Item(item.path("OrderItemId").asText(), line.quantity().intValueExact()));
        }
        if (!anythingOpen) {
            return false;
        }
        boolean other = "Other".equalsIgnoreCase(carrier);
        orders.confirmShipment(amazonOrderId, new ShipmentConfirmation(marketplaceId, shipment.shipmentId(), carrier,
                other ? shipment.carrier() : null, null, shipment.trackingNumber(), shipment.shippedAt(), packaged));
        return true;
    }

    /** Amazon has no SP-API call that refunds a merchant-fulfilled order; refunds are made in Seller Central. */
    @Override
    public boolean refund(String amazonOrderId, String marketplaceId, RefundIssued refund,
                          java.math.BigDecimal refundedInMagento) {
        return false;
    }
}
