package io.omnisync.connector.ebay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A shipping fulfillment: which line items (and how many of each, for a partial shipment) left with which parcel.
 *
 * @param lines          line items and quantities shipped
 * @param carrierCode    eBay's shipping carrier code, e.g. USPS, UPS, DHL
 * @param trackingNumber the parcel's tracking number
 * @param shippedDate    when it was shipped
 */
public record EbayShipment(List<Line> lines, String carrierCode, String trackingNumber, Instant shippedDate) {

    public EbayShipment {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a shipment needs at least one line item");
        }
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(shippedDate, "shippedDate");
    }

    /**
     * One line item of the order and the quantity shipped in this parcel.
     *
     * @param lineItemId the order's line item id
     * @param quantity   units shipped, at least 1
     */
    public record Line(String lineItemId, int quantity) {

        public Line {
            Objects.requireNonNull(lineItemId, "lineItemId");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity of line item " + lineItemId + " must be at least 1");
            }
        }
    }
}
