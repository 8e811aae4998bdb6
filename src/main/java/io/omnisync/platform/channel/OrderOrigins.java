package io.omnisync.platform.channel;

import java.util.Optional;

/** Which channel order a Magento order was placed from; implemented by the Magento connector. */
public interface OrderOrigins {

    /** The channel, its order id and account, or empty for an order taken in Magento itself. */
    Optional<OrderOrigin> find(String magentoOrderId);

    /**
     * A channel order behind a Magento order; account may be null when it cannot be told; refundedInMagento is
     * what Magento has credited on the order so far.
     */
    record OrderOrigin(String channel, String channelOrderId, String account, java.math.BigDecimal refundedInMagento) {
    }
}
