package io.omnisync.connector.amazon;

import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Magento's quantities and prices to Amazon: a few changes as patchListingsItem calls (quantity and price in one
 * call per SKU), many as one JSON_LISTINGS_FEED, which costs a handful of calls however many SKUs it carries.
 */
public class AmazonChannelListings implements ChannelListings {

    private final AmazonListings listings;
    private final AmazonFeeds feeds;
    private final int feedFrom;

    /** {@code feedFrom}: from this many changes of one marketplace on, one feed (omnisync.connector.amazon.feed-from). */
    public AmazonChannelListings(AmazonListings listings, AmazonFeeds feeds, int feedFrom) {
        this.listings = listings;
        this.feeds = feeds;
        this.feedFrom = feedFrom;
    }

    @Override
    public String channel() {
        return "amazon";
    }

    @Override
    public Map<String, String> push(String marketplaceId, List<ListingChange> changes) {
        List<ListingUpdate> updates = changes.stream().map(c -> new ListingUpdate(c.sku(), marketplaceId,
                c.quantity() == null ? null : c.quantity().intValueExact(), c.price(), c.currency())).toList();
        Map<String, String> refused = new LinkedHashMap<>();
        if (updates.size() >= feedFrom) {
            FeedReport report = feeds.run(marketplaceId, updates);
            report.issues().stream().filter(i -> "ERROR".equalsIgnoreCase(i.severity()))
                    .forEach(i -> refused.put(i.sku() != null ? i.sku() : report.skuOf(i.messageId()).orElse("message " + i.messageId()),
                            i.code() + ": " + i.message()));
            return refused;
        }
        for (ListingUpdate update : updates) {
            AmazonListings.ListingSubmission submission = listings.patch(update);
            if (!submission.accepted()) {
                refused.put(update.sku(), submission.issues().stream().map(i -> i.code() + ": " + i.message())
                        .reduce((a, b) -> a + "; " + b).orElse(submission.status()));
            }
        }
        return refused;
    }

    /** getListingsItem per SKU (within its usage plan); a SKU Amazon has no listing for is left out. */
    @Override
    public Map<String, Listed> listed(String marketplaceId, List<String> skus) {
        Map<String, Listed> listed = new LinkedHashMap<>();
        for (String sku : skus) {
            try {
                AmazonListings.ListingState state = listings.get(sku, marketplaceId);
                listed.put(sku, new Listed(state.quantity() == null ? null : BigDecimal.valueOf(state.quantity()), state.price()));
            } catch (IntegrationException e) {
                if (e.errorClass() != ErrorClass.MISSING) {
                    throw e;
                }
            }
        }
        return listed;
    }
}
