package io.omnisync.platform.channel;

import io.omnisync.platform.event.OrderShipped;
import io.omnisync.platform.event.RefundIssued;

/** What omnisync tells a channel about its orders after Magento acted on them; implemented by channel connectors. */
public interface ChannelOrderActions {

    /** The channel: amazon, ebay. */
    String channel();

    /**
     * Confirms a Magento shipment (all or some lines) on the channel order.
     *
     * @param account the channel account the order was placed on (marketplace id)
     * @param carrier the channel's carrier code for the Magento carrier (see omnisync.channels.carriers)
     * @return false when the channel already shows every shipped line as shipped (nothing sent)
     */
    boolean confirmShipment(String channelOrderId, String account, OrderShipped shipment, String carrier);

    /**
     * Brings what the channel refunded on the order up to what Magento has credited ({@code refundedInMagento},
     * this credit memo included), so a credit memo omnisync made from a channel refund sends nothing back.
     *
     * @return false when the channel offers no API to refund this order (nothing sent)
     */
    boolean refund(String channelOrderId, String account, RefundIssued refund, java.math.BigDecimal refundedInMagento);
}
