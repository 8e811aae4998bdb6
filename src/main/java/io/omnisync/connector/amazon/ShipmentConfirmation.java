package io.omnisync.connector.amazon;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One shipped package of a merchant-fulfilled Amazon order, as confirmShipment's PackageDetail wants it.
 *
 * @param marketplaceId      the order's marketplace
 * @param packageReferenceId the seller's id of this package (e.g. the Magento shipment id); unique per order
 * @param carrierCode        Amazon's carrier code, e.g. UPS, DHL, or "Other" (then {@code carrierName} is required)
 * @param carrierName        the carrier's name when the code is "Other"; null otherwise
 * @param shippingMethod     the ship method, e.g. "Standard"; may be null
 * @param trackingNumber     the carrier's tracking number
 * @param shipDate           when the package was handed over
 * @param items              the order items in this package and their quantities
 */
public record ShipmentConfirmation(String marketplaceId, String packageReferenceId, String carrierCode, String carrierName,
                                   String shippingMethod, String trackingNumber, Instant shipDate, List<Item> items) {

    public ShipmentConfirmation {
        Objects.requireNonNull(marketplaceId, "marketplaceId");
        Objects.requireNonNull(packageReferenceId, "packageReferenceId");
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(shipDate, "shipDate");
        if ("Other".equalsIgnoreCase(carrierCode) && (carrierName == null || carrierName.isBlank())) {
            throw new IllegalArgumentException("carrierName is required when carrierCode is Other");
        }
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("a shipment confirmation needs at least one order item");
        }
        items = List.copyOf(items);
    }

    /** An Amazon order item (OrderItemId from getOrderItems) and the units of it in the package. */
    public record Item(String orderItemId, int quantity) {
    }
}
