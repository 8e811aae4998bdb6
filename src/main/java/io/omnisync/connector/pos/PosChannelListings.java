package io.omnisync.connector.pos;

import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ListingChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Magento's quantity of a POS location's MSI source to the POS: PHYSICAL_COUNT changes (absolute, so a repeat has
 * no second effect) in batches of 100 for the variations carrying the SKUs. Prices stay with the POS catalogue.
 * Variation ids are looked up once per SKU (as eBay's offer ids are), not on every push.
 */
public class PosChannelListings implements ChannelListings {

    private final PosInventory inventory;
    private final PosCatalog catalog;
    private final Map<String, String> variationIds = new ConcurrentHashMap<>();

    public PosChannelListings(PosInventory inventory, PosCatalog catalog) {
        this.inventory = inventory;
        this.catalog = catalog;
    }

    @Override
    public String channel() {
        return "pos";
    }

    @Override
    public Pushed push(String locationId, List<ListingChange> changes) {
        Map<String, String> refused = new LinkedHashMap<>();
        List<ListingChange> counted = changes.stream().filter(c -> c.quantity() != null).toList();
        List<String> unknown = counted.stream().map(ListingChange::sku).filter(sku -> !variationIds.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            variationIds.putAll(catalog.variationIdsBySku(unknown));
        }
        Map<String, String> variations = variationIds;
        List<PosInventory.Count> counts = new ArrayList<>();
        for (ListingChange c : counted) {
            String variation = variations.get(c.sku());
            if (variation == null) {
                refused.put(c.sku(), "no variation with SKU " + c.sku() + " in the POS catalogue");
            } else {
                counts.add(new PosInventory.Count(variation, locationId, c.quantity(),
                        c.asOf() == null ? Instant.now() : c.asOf()));
            }
        }
        if (!counts.isEmpty()) {
            inventory.setCounts(counts);
        }
        return Pushed.answered(refused);
    }

    /** The IN_STOCK counts of the variations carrying the SKUs at the location (POS prices are not ours to compare). */
    @Override
    public Map<String, Listed> listed(String locationId, List<String> skus) {
        Map<String, String> variations = catalog.variationIdsBySku(skus);
        Map<String, String> skuOf = new LinkedHashMap<>();
        variations.forEach((sku, variation) -> skuOf.put(variation, sku));
        Map<String, Listed> listed = new LinkedHashMap<>();
        if (variations.isEmpty()) {
            return listed;
        }
        // a variation without a count at the location has none on the shelf
        variations.keySet().forEach(sku -> listed.put(sku, new Listed(BigDecimal.ZERO, null)));
        for (PosInventory.Counted c : inventory.counts(variations.values(), List.of(locationId))) {
            String sku = skuOf.get(c.variationId());
            if (sku != null && "IN_STOCK".equals(c.state())) {
                listed.put(sku, new Listed(c.quantity(), null));
            }
        }
        return listed;
    }
}
