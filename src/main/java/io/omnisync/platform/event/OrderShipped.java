package io.omnisync.platform.event;

import java.time.Instant;
import java.util.List;

/** Some or all lines of an order left a source, with the carrier's tracking. */
public record OrderShipped(String channel, String channelOrderId, String magentoOrderId, String shipmentId,
                           String carrier, String trackingNumber, List<OrderLine> lines, Instant shippedAt)
        implements OrderEvent {

    public OrderShipped {
        Require.text(channel, "OrderShipped", "channel");
        Require.text(channelOrderId, "OrderShipped", "channelOrderId");
        Require.text(shipmentId, "OrderShipped", "shipmentId");
        lines = List.copyOf(Require.notEmpty(lines, "OrderShipped", "lines"));
        Require.present(shippedAt, "OrderShipped", "shippedAt");
    }
}
