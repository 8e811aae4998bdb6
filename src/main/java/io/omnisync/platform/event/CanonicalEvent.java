package io.omnisync.platform.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The few small events that routes pass between systems. Serialised as JSON with a {@code type} field
 * naming the record; {@link #domain()} picks the bus topic and {@link #entityKey()} keeps one entity's
 * events in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(StockChanged.class),
    @JsonSubTypes.Type(StockReceived.class),
    @JsonSubTypes.Type(ProductChanged.class),
    @JsonSubTypes.Type(PriceChanged.class),
    @JsonSubTypes.Type(OrderPlaced.class),
    @JsonSubTypes.Type(OrderUpdated.class),
    @JsonSubTypes.Type(OrderShipped.class),
    @JsonSubTypes.Type(OrderCancelled.class),
    @JsonSubTypes.Type(OrderNotified.class),
    @JsonSubTypes.Type(RefundIssued.class),
    @JsonSubTypes.Type(PaymentCaptured.class),
    @JsonSubTypes.Type(PointsEarned.class),
    @JsonSubTypes.Type(PointsRedeemed.class)
})
public sealed interface CanonicalEvent
        permits StockChanged, StockReceived, CatalogEvent, OrderEvent, RefundIssued, PaymentCaptured, LoyaltyEvent {

    /** The bus topic this event travels on: stock, catalog, orders, refunds, payments or loyalty. */
    @JsonIgnore
    Domain domain();

    /** The entity whose events must stay in order: a SKU or an order id. */
    @JsonIgnore
    String entityKey();

    /** The record's simple name, as written in the {@code type} field. */
    @JsonIgnore
    default String type() {
        return getClass().getSimpleName();
    }
}
