package io.omnisync.connector.ebay;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The new ship-to-home quantity of one SKU and/or the price and quantity of its offers, one entry of
 * bulkUpdatePriceQuantity.
 *
 * @param sku      the inventory item's SKU
 * @param quantity the total ship-to-home quantity of the item, or null to leave it
 * @param offers   offers of this SKU to revise (published offers are live listings)
 */
public record EbayPriceQuantity(String sku, Integer quantity, List<Offer> offers) {

    public EbayPriceQuantity {
        Objects.requireNonNull(sku, "sku");
        offers = offers == null ? List.of() : List.copyOf(offers);
        if (quantity != null && quantity < 0) {
            throw new IllegalArgumentException("quantity of " + sku + " must not be negative: " + quantity);
        }
    }

    /** Only the item's quantity. */
    public static EbayPriceQuantity quantity(String sku, int quantity) {
        return new EbayPriceQuantity(sku, quantity, List.of());
    }

    /**
     * One offer's new values.
     *
     * @param offerId           the offer
     * @param availableQuantity quantity available in this offer's listing, or null to leave it
     * @param price             the price, or null to leave it
     * @param currency          ISO 4217 currency of the price, e.g. USD (required with a price)
     */
    public record Offer(String offerId, Integer availableQuantity, BigDecimal price, String currency) {

        public Offer {
            Objects.requireNonNull(offerId, "offerId");
            if (price != null && currency == null) {
                throw new IllegalArgumentException("offer " + offerId + " has a price without a currency");
            }
        }
    }
}
