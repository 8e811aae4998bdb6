package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer redeemed loyalty points, optionally against an order. */
public record PointsRedeemed(String customerRef, String redemptionId, String orderRef, BigDecimal points,
                             Instant occurredAt) implements LoyaltyEvent {

    public PointsRedeemed {
        Require.text(customerRef, "PointsRedeemed", "customerRef");
        Require.text(redemptionId, "PointsRedeemed", "redemptionId");
        Require.nonNegative(points, "PointsRedeemed", "points");
        Require.present(occurredAt, "PointsRedeemed", "occurredAt");
    }
}
