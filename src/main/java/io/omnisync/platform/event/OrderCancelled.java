package io.omnisync.platform.event;

import java.time.Instant;

/** An order was cancelled, on the channel or in Magento. */
public record OrderCancelled(String channel, String channelOrderId, String magentoOrderId, String reason,
                             Instant cancelledAt) implements OrderEvent {

    public OrderCancelled {
        Require.text(channel, "OrderCancelled", "channel");
        Require.text(channelOrderId, "OrderCancelled", "channelOrderId");
        Require.present(cancelledAt, "OrderCancelled", "cancelledAt");
    }
}
