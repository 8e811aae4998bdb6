package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order was placed on a channel ({@code magento}, {@code amazon}, {@code ebay}, {@code pos}). {@code account}
 * is where on the channel (Amazon marketplace id, eBay marketplace, POS location), which the channel bindings map
 * to a Magento store view; shipping and tax are what the channel charged; the address is where it goes.
 * {@code channelOrderId} is the channel's own id and the idempotency key of the order's import;
 * {@code magentoOrderId} is set once Magento holds the order. Customer email is personal data: it is
 * kept in the journal for the import and masked everywhere it is logged.
 */
public record OrderPlaced(String channel, String channelOrderId, String magentoOrderId, String storeCode,
                          String currency, BigDecimal grandTotal, String customerEmail, List<OrderLine> lines,
                          Instant placedAt, String account, PostalAddress shippingAddress, BigDecimal shippingAmount,
                          BigDecimal taxAmount) implements OrderEvent {

    /** An order without channel account, address and charges (Magento's own orders carry them in Magento). */
    public OrderPlaced(String channel, String channelOrderId, String magentoOrderId, String storeCode, String currency,
                       BigDecimal grandTotal, String customerEmail, List<OrderLine> lines, Instant placedAt) {
        this(channel, channelOrderId, magentoOrderId, storeCode, currency, grandTotal, customerEmail, lines, placedAt,
                null, null, null, null);
    }

    public OrderPlaced {
        Require.text(channel, "OrderPlaced", "channel");
        Require.text(channelOrderId, "OrderPlaced", "channelOrderId");
        Require.text(currency, "OrderPlaced", "currency");
        Require.nonNegative(grandTotal, "OrderPlaced", "grandTotal");
        lines = List.copyOf(Require.notEmpty(lines, "OrderPlaced", "lines"));
        Require.present(placedAt, "OrderPlaced", "placedAt");
    }
}
