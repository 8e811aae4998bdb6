package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer earned (positive) or lost (negative, e.g. after a refund) loyalty points for an order. */
public record PointsEarned(String customerRef, String orderRef, BigDecimal points, Instant occurredAt)
        implements LoyaltyEvent {

    public PointsEarned {
        Require.text(customerRef, "PointsEarned", "customerRef");
        Require.text(orderRef, "PointsEarned", "orderRef");
        Require.present(points, "PointsEarned", "points");
        Require.present(occurredAt, "PointsEarned", "occurredAt");
    }
}
