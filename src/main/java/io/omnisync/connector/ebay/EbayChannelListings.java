package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Magento's quantities and prices to eBay through bulkUpdatePriceQuantity (25 offers a call): each SKU's offer on
 * the marketplace gets its available quantity and price; offer ids are looked up once per SKU and marketplace.
 */
public class EbayChannelListings implements ChannelListings {

    private final EbayInventory inventory;
    private final Map<String, String> offerIds = new ConcurrentHashMap<>();

    public EbayChannelListings(EbayInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public String channel() {
        return "ebay";
    }

    @Override
    public Pushed push(String marketplaceId, List<ListingChange> changes) {
        Map<String, String> refused = new LinkedHashMap<>();
        List<EbayPriceQuantity> requests = new ArrayList<>();
        for (ListingChange c : changes) {
            String offerId = offerId(c.sku(), marketplaceId);
            if (offerId == null) {
                refused.put(c.sku(), "no eBay offer for " + c.sku() + " on " + marketplaceId + ": list it first");
                continue;
            }
            requests.add(new EbayPriceQuantity(c.sku(), null, List.of(new EbayPriceQuantity.Offer(offerId,
                    c.quantity() == null ? null : c.quantity().intValueExact(), c.price(), c.currency()))));
        }
        if (!requests.isEmpty()) {
            EbayBulkResult result = inventory.bulkUpdatePriceQuantity(requests);
            result.failures().forEach(f -> refused.put(f.sku(), f.statusCode() + ": " + f.message()));
        }
        return Pushed.answered(refused);
    }

    /** getOffers per SKU (eBay has no bulk read of offers): the offer's available quantity and price. */
    @Override
    public Map<String, Listed> listed(String marketplaceId, List<String> skus) {
        Map<String, Listed> listed = new LinkedHashMap<>();
        for (String sku : skus) {
            inventory.getOffers(sku, marketplaceId).stream().filter(o -> o.hasNonNull("offerId")).findFirst().ifPresent(o -> {
                offerIds.put(sku + "@" + marketplaceId, o.path("offerId").asText());
                JsonNode price = o.path("pricingSummary").path("price").path("value");
                listed.put(sku, new Listed(o.has("availableQuantity") ? BigDecimal.valueOf(o.path("availableQuantity").asLong()) : null,
                        price.isMissingNode() || price.asText().isBlank() ? null : new BigDecimal(price.asText())));
            });
        }
        return listed;
    }

    private String offerId(String sku, String marketplaceId) {
        String key = sku + "@" + marketplaceId;
        String known = offerIds.get(key);
        if (known != null) {
            return known;
        }
        try {
            String id = inventory.getOffers(sku, marketplaceId).stream().map(o -> o.path("offerId").asText(null))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (id != null) {
                offerIds.put(key, id);
            }
            return id;
        } catch (IntegrationException e) {
            if (e.errorClass() == ErrorClass.MISSING) {
                return null;
            }
            throw e;
        }
    }
}
