package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/** Money went back to the customer for an order: a Magento credit memo, a marketplace or Stripe refund. */
public record RefundIssued(String channel, String channelOrderId, String refundId, String currency,
                           BigDecimal amount, Instant refundedAt) implements CanonicalEvent {

    public RefundIssued {
        Require.text(channel, "RefundIssued", "channel");
        Require.text(channelOrderId, "RefundIssued", "channelOrderId");
        Require.text(refundId, "RefundIssued", "refundId");
        Require.text(currency, "RefundIssued", "currency");
        Require.nonNegative(amount, "RefundIssued", "amount");
        Require.present(refundedAt, "RefundIssued", "refundedAt");
    }

    @Override
    public Domain domain() {
        return Domain.REFUNDS;
    }

    @Override
    public String entityKey() {
        return channel + ":" + channelOrderId;
    }
}
