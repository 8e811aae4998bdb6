package io.omnisync.platform.event;

/** An event of one channel order: travels on the orders topic, keyed by channel and the channel's order id. */
public sealed interface OrderEvent extends CanonicalEvent permits OrderPlaced, OrderUpdated, OrderShipped, OrderCancelled, OrderNotified {

    /** The channel the order was placed on: magento, amazon, ebay, pos. */
    String channel();

    /** The channel's own id of the order. */
    String channelOrderId();

    @Override
    default Domain domain() {
        return Domain.ORDERS;
    }

    @Override
    default String entityKey() {
        return channel() + ":" + channelOrderId();
    }
}
