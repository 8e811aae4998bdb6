package io.omnisync.connector.ebay;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A seller-initiated refund (issueRefund): either per line item or one order-level amount.
 *
 * @param reason      eBay's reasonForRefund, e.g. BUYER_RETURN, BUYER_CANCEL, ITEM_NOT_RECEIVED, OTHER_ADJUSTMENT
 * @param comment     a note to the buyer, or null
 * @param lines       amounts per line item (empty for an order-level refund)
 * @param orderAmount the order-level amount, or null when refunding per line item
 * @param currency    ISO 4217 currency of the amounts, the order's currency
 */
public record EbayRefund(String reason, String comment, List<Line> lines, BigDecimal orderAmount, String currency) {

    public EbayRefund {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(currency, "currency");
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (lines.isEmpty() == (orderAmount == null)) {
            throw new IllegalArgumentException("a refund names either line items or an order-level amount");
        }
    }

    /**
     * The amount refunded for one line item.
     *
     * @param lineItemId the order's line item id
     * @param amount     the amount, in the refund's currency
     */
    public record Line(String lineItemId, BigDecimal amount) {
    }

    /**
     * eBay's answer.
     *
     * @param refundId the refund's id
     * @param status   its status, e.g. PENDING or REFUNDED
     */
    public record Result(String refundId, String status) {
    }
}
