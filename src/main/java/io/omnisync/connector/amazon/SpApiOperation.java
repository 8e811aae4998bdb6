package io.omnisync.connector.amazon;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SP-API operations omnisync calls, each with the default usage plan (rate per second, burst) its model file
 * documents. Selling partners may have higher plans; {@code omnisync.connector.amazon.usage-plans} overrides them.
 */
public enum SpApiOperation {
    GET_ORDERS("getOrders", 0.0167, 20),
    GET_ORDER_ITEMS("getOrderItems", 0.5, 30),
    CONFIRM_SHIPMENT("confirmShipment", 2, 10),
    GET_LISTINGS_ITEM("getListingsItem", 5, 10),
    PATCH_LISTINGS_ITEM("patchListingsItem", 5, 5),
    CREATE_FEED_DOCUMENT("createFeedDocument", 0.5, 15),
    CREATE_FEED("createFeed", 0.0083, 15),
    GET_FEED("getFeed", 2, 15),
    GET_FEED_DOCUMENT("getFeedDocument", 0.0222, 10);

    private final String operationId;
    private final double rate;
    private final int burst;

    SpApiOperation(String operationId, double rate, int burst) {
        this.operationId = operationId;
        this.rate = rate;
        this.burst = burst;
    }

    /** The operationId of the model file, e.g. {@code getOrders}. */
    public String operationId() {
        return operationId;
    }

    /** Default sustained requests per second. */
    public double rate() {
        return rate;
    }

    /** Default bucket size. */
    public int burst() {
        return burst;
    }

    /** The operation with this operationId. */
    public static Optional<SpApiOperation> byName(String operationId) {
        return Arrays.stream(values()).filter(o -> o.operationId.equals(operationId)).findFirst();
    }

    /** All operationIds, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(SpApiOperation::operationId).collect(Collectors.joining(", "));
    }
}
