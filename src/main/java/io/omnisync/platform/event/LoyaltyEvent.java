package io.omnisync.platform.event;

/** A change of one customer's loyalty points: travels on the loyalty topic, keyed by customer. */
public sealed interface LoyaltyEvent extends CanonicalEvent permits PointsEarned, PointsRedeemed {

    /** The customer in the loyalty app. */
    String customerRef();

    @Override
    default Domain domain() {
        return Domain.LOYALTY;
    }

    @Override
    default String entityKey() {
        return customerRef();
    }
}
