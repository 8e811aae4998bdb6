package io.omnisync.platform.event;

import java.time.Instant;

/** An order's state or status changed (e.g. Magento processing, holded, complete). */
public record OrderUpdated(String channel, String channelOrderId, String magentoOrderId, String state,
                           String status, Instant updatedAt) implements OrderEvent {

    public OrderUpdated {
        Require.text(channel, "OrderUpdated", "channel");
        Require.text(channelOrderId, "OrderUpdated", "channelOrderId");
        Require.text(status, "OrderUpdated", "status");
        Require.present(updatedAt, "OrderUpdated", "updatedAt");
    }
}
