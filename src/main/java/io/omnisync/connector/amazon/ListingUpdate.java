package io.omnisync.connector.amazon;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What omnisync changes on one Amazon listing in one marketplace: the merchant-fulfilled quantity, the price, or
 * both (then in one patch).
 *
 * @param sku           the seller SKU (Magento's SKU)
 * @param marketplaceId the marketplace the price applies to, e.g. ATVPDKIKX0DER
 * @param quantity      units to offer (DEFAULT fulfilment channel), or null to leave it
 * @param price         price including tax where the marketplace shows tax-inclusive prices, or null to leave it
 * @param currency      ISO 4217 currency of the price (the marketplace's), required with a price
 */
public record ListingUpdate(String sku, String marketplaceId, Integer quantity, BigDecimal price, String currency) {

    public ListingUpdate {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(marketplaceId, "marketplaceId");
        if (quantity == null && price == null) {
            throw new IllegalArgumentException("a listing update of " + sku + " needs a quantity, a price or both");
        }
        if (quantity != null && quantity < 0) {
            throw new IllegalArgumentException("quantity of " + sku + " must not be negative: " + quantity);
        }
        if (price != null && (currency == null || !currency.matches("[A-Z]{3}"))) {
            throw new IllegalArgumentException("price of " + sku + " needs an ISO 4217 currency, got " + currency);
        }
    }

    /** A stock-only update. */
    public static ListingUpdate quantity(String sku, String marketplaceId, int quantity) {
        return new ListingUpdate(sku, marketplaceId, quantity, null, null);
    }

    /** A price-only update. */
    public static ListingUpdate price(String sku, String marketplaceId, BigDecimal price, String currency) {
        return new ListingUpdate(sku, marketplaceId, null, price, currency);
    }
}
