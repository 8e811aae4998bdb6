package io.omnisync.platform.event;

import java.time.Instant;

/**
 * A channel said an order was created or changed but sent only its id (a POS {@code order.created} webhook, an
 * Amazon ORDER_CHANGE notification). The channel's connector reads the order and journals what it finds
 * (OrderPlaced, OrderUpdated, OrderCancelled); {@code version} orders notifications of one order.
 */
public record OrderNotified(String channel, String channelOrderId, String account, long version, String state,
                            Instant occurredAt) implements OrderEvent {

    public OrderNotified {
        Require.text(channel, "OrderNotified", "channel");
        Require.text(channelOrderId, "OrderNotified", "channelOrderId");
        Require.present(occurredAt, "OrderNotified", "occurredAt");
    }
}
