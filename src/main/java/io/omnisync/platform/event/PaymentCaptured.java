package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/** A card payment was captured (e.g. a Stripe Terminal payment intent) for a channel order. */
public record PaymentCaptured(String channel, String channelOrderId, String paymentId, String currency,
                              BigDecimal amount, Instant capturedAt) implements CanonicalEvent {

    public PaymentCaptured {
        Require.text(channel, "PaymentCaptured", "channel");
        Require.text(channelOrderId, "PaymentCaptured", "channelOrderId");
        Require.text(paymentId, "PaymentCaptured", "paymentId");
        Require.text(currency, "PaymentCaptured", "currency");
        Require.nonNegative(amount, "PaymentCaptured", "amount");
        Require.present(capturedAt, "PaymentCaptured", "capturedAt");
    }

    @Override
    public Domain domain() {
        return Domain.PAYMENTS;
    }

    @Override
    public String entityKey() {
        return channel + ":" + channelOrderId;
    }
}
