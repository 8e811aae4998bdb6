package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seller's listings: per SKU a product type and title, and per marketplace the merchant-fulfilled quantity
 * and the price in the marketplace's currency. Patches (from patchListingsItem or a feed message) are checked
 * and applied all or nothing.
 */
public final class ListingsBook {

    /** Marketplace currencies the fake knows. */
    public static final Map<String, String> CURRENCIES = Map.of("ATVPDKIKX0DER", "USD", "A1PA6795UKMFR9", "EUR",
            "A1F83G8C2ARO7P", "GBP", "A13V1IB3VIYZZH", "EUR", "A2EUQ1WTGCTBG2", "CAD");

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final Clock clock;

    ListingsBook(Clock clock) {
        this.clock = clock;
    }

    /** One listing; offers by marketplace id. */
    public static final class Listing {
        final String sku;
        final String asin;
        final String title;
        final String productType;
        final Instant created;
        volatile Instant updated;
        final Map<String, Offer> offers = new ConcurrentHashMap<>();

        Listing(String sku, String asin, String title, String productType, Instant created) {
            this.sku = sku;
            this.asin = asin;
            this.title = title;
            this.productType = productType;
            this.created = created;
            this.updated = created;
        }
    }

    /** Quantity and price of a listing in one marketplace. */
    public record Offer(int quantity, BigDecimal price, String currency) {
    }

    /** A problem with a patch, as the Listings API and processing reports show it. */
    record Issue(String code, String message, String attributeName) {
    }

    /** Adds (or replaces) a listing with an offer in each given marketplace. */
    public void put(String sku, String title, Map<String, Offer> offers) {
        Listing listing = new Listing(sku, "B0" + String.format("%08d", Math.abs(sku.hashCode()) % 100_000_000), title,
                "PRODUCT", clock.instant());
        listing.offers.putAll(offers);
        listings.put(sku, listing);
    }

    public Optional<Listing> find(String sku) {
        return Optional.ofNullable(listings.get(sku));
    }

    /** The offer of a SKU in a marketplace. */
    public Optional<Offer> offer(String sku, String marketplaceId) {
        return find(sku).map(l -> l.offers.get(marketplaceId));
    }

    /** Takes units for an order; the quantity never goes below zero. */
    void reserve(String sku, String marketplaceId, int units) {
        find(sku).ifPresent(l -> l.offers.computeIfPresent(marketplaceId,
                (m, o) -> new Offer(Math.max(0, o.quantity() - units), o.price(), o.currency())));
    }

    /**
     * Checks and applies JSON Patch operations to a listing in these marketplaces; nothing changes if any issue
     * is found. Supported attributes: fulfillment_availability (DEFAULT quantity) and purchasable_offer (our_price);
     * other attributes are accepted and not modelled.
     */
    List<Issue> apply(String sku, List<String> marketplaceIds, JsonNode patches) {
        Listing listing = listings.get(sku);
        if (listing == null) {
            return List.of(new Issue("4000003", "The SKU '" + sku + "' has no listing for this seller; a PATCH needs an "
                    + "existing listing.", null));
        }
        List<Issue> issues = new ArrayList<>();
        Map<String, Offer> next = new ConcurrentHashMap<>(listing.offers);
        for (JsonNode patch : patches) {
            String path = patch.path("path").asText();
            for (JsonNode value : patch.path("value")) {
                if (path.equals("/attributes/fulfillment_availability")) {
                    quantity(value, marketplaceIds, next, issues);
                } else if (path.equals("/attributes/purchasable_offer")) {
                    price(value, marketplaceIds, next, issues);
                }
            }
        }
        if (issues.isEmpty()) {
            listing.offers.putAll(next);
            listing.updated = clock.instant();
        }
        return issues;
    }

    private static void quantity(JsonNode value, List<String> marketplaceIds, Map<String, Offer> next, List<Issue> issues) {
        if (!"DEFAULT".equals(value.path("fulfillment_channel_code").asText("DEFAULT"))) {
            return;
        }
        JsonNode quantity = value.path("quantity");
        if (!quantity.canConvertToInt() || !quantity.isIntegralNumber() || quantity.asInt() < 0) {
            issues.add(new Issue("90000900", "The value '" + quantity + "' of 'fulfillment_availability.quantity' must be "
                    + "a whole number of 0 or more.", "fulfillment_availability"));
            return;
        }
        for (String marketplace : marketplaceIds) {
            next.computeIfPresent(marketplace, (m, o) -> new Offer(quantity.asInt(), o.price(), o.currency()));
        }
    }

    private static void price(JsonNode value, List<String> marketplaceIds, Map<String, Offer> next, List<Issue> issues) {
        String marketplace = value.path("marketplace_id").asText();
        if (!marketplaceIds.contains(marketplace)) {
            issues.add(new Issue("90000900", "'purchasable_offer.marketplace_id' " + marketplace + " is not one of the "
                    + "submission's marketplaces " + marketplaceIds + ".", "purchasable_offer"));
            return;
        }
        String currency = value.path("currency").asText();
        if (!currency.equals(CURRENCIES.get(marketplace))) {
            issues.add(new Issue("90000900", "The currency '" + currency + "' is not the currency of marketplace "
                    + marketplace + " (" + CURRENCIES.get(marketplace) + ").", "purchasable_offer"));
            return;
        }
        JsonNode amount = value.path("our_price").path(0).path("schedule").path(0).path("value_with_tax");
        if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
            issues.add(new Issue("99022", "The field '\"prices\"' for the attribute 'purchasable_offer.our_price' does not "
                    + "have enough values. The required minimum is '1' value(s).", "purchasable_offer.our_price"));
            return;
        }
        next.compute(marketplace, (m, o) -> new Offer(o == null ? 0 : o.quantity(), amount.decimalValue(), currency));
    }
}
