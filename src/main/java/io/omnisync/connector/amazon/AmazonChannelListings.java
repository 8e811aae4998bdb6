package io.omnisync.connector.amazon;

import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magento's quantities and prices to Amazon: a few changes as patchListingsItem calls (quantity and price in one
 * call per SKU), many as one JSON_LISTINGS_FEED, which costs a handful of calls however many SKUs it carries.
 *
 * <p>A feed is submitted (document, upload, createFeed) and answered at once as submitted: Amazon takes minutes to
 * process one, and the fan-out must not wait that long for every channel. A watcher thread polls the feed and reads
 * its processing report; each SKU's outcome completes then (taken, or refused with Amazon's reason: every SKU of a
 * feed that ends FATAL or CANCELLED, or that is still processing after feed-timeout). Until then a new change of one of
 * its SKUs is held back rather than sent, since Amazon may apply a later patch or feed before this one, and this one's
 * older value would win. The watchers are in memory: after a restart the fan-out pushes what it had not settled again.
 */
public class AmazonChannelListings implements ChannelListings, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmazonChannelListings.class);

    /** Feeds watched at once; more wait for a watcher (their timeout counts from then). */
    static final int WATCHERS = 4;

    private final AmazonListings listings;
    private final AmazonFeeds feeds;
    private final int feedFrom;
    /** The SKUs of feeds still being processed, by marketplace and SKU: the outcome of each. */
    private final Map<String, CompletableFuture<Optional<String>>> processing = new ConcurrentHashMap<>();
    private final ExecutorService watchers = Executors.newFixedThreadPool(WATCHERS, r -> {
        Thread t = new Thread(r, "amazon-feed-watcher");
        t.setDaemon(true);
        return t;
    });

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
    public Pushed push(String marketplaceId, List<ListingChange> changes) {
        Map<String, CompletableFuture<?>> held = new LinkedHashMap<>();
        List<ListingUpdate> updates = new ArrayList<>(changes.size());
        for (ListingChange c : changes) {
            CompletableFuture<Optional<String>> earlier = processing.get(key(marketplaceId, c.sku()));
            if (earlier != null) {
                held.put(c.sku(), earlier);
                continue;
            }
            updates.add(new ListingUpdate(c.sku(), marketplaceId, c.quantity() == null ? null : c.quantity().intValueExact(),
                    c.price(), c.currency()));
        }
        Map<String, String> refused = new LinkedHashMap<>();
        if (updates.size() >= feedFrom) {
            return new Pushed(refused, submit(marketplaceId, updates), held);
        }
        for (ListingUpdate update : updates) {
            AmazonListings.ListingSubmission submission = listings.patch(update);
            if (!submission.accepted()) {
                refused.put(update.sku(), submission.issues().stream().map(i -> i.code() + ": " + i.message())
                        .reduce((a, b) -> a + "; " + b).orElse(submission.status()));
            }
        }
        return new Pushed(refused, Map.of(), held);
    }

    /** Submits one feed and hands it to a watcher; answers each SKU's outcome, completed once the feed is processed. */
    private Map<String, CompletableFuture<Optional<String>>> submit(String marketplaceId, List<ListingUpdate> updates) {
        AmazonFeeds.Submitted feed = feeds.submit(marketplaceId, updates);
        CompletableFuture<Map<String, String>> refusals = new CompletableFuture<>();
        Map<String, CompletableFuture<Optional<String>>> outcomes = new LinkedHashMap<>();
        for (ListingUpdate update : updates) {
            CompletableFuture<Optional<String>> outcome = refusals.thenApply(r -> Optional.ofNullable(r.get(update.sku())));
            outcomes.put(update.sku(), outcome);
            processing.put(key(marketplaceId, update.sku()), outcome);
        }
        Runnable settle = () -> {
            Map<String, String> refused = refusals(feed, updates);
            // no longer processing before anyone learns the outcome, so what they push next is sent, not held
            forget(marketplaceId, outcomes);
            refusals.complete(refused);
        };
        try {
            watchers.execute(settle);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            forget(marketplaceId, outcomes);
            Map<String, String> unknown = new LinkedHashMap<>();
            updates.forEach(u -> unknown.put(u.sku(), "Amazon feed " + feed.feedId() + " was submitted while omnisync was "
                    + "stopping, so its outcome is not known"));
            refusals.complete(unknown);
        }
        return outcomes;
    }

    /** Waits for the feed and reads which SKUs Amazon refused; a feed that did not end DONE refuses all of them. */
    private Map<String, String> refusals(AmazonFeeds.Submitted feed, List<ListingUpdate> updates) {
        Map<String, String> refused = new LinkedHashMap<>();
        try {
            FeedReport report = feeds.await(feed);
            if (!"DONE".equals(report.processingStatus())) {
                updates.forEach(u -> refused.put(u.sku(), "Amazon feed " + feed.feedId() + " ended "
                        + report.processingStatus() + " without applying its messages"));
            }
            report.issues().stream().filter(i -> "ERROR".equalsIgnoreCase(i.severity())).forEach(i -> refused.merge(
                    i.sku() != null ? i.sku() : report.skuOf(i.messageId()).orElse("message " + i.messageId()),
                    i.code() + ": " + i.message(), (a, b) -> a + "; " + b));
            LOG.info("Amazon feed {} {}: {} messages, {} refused", feed.feedId(), report.processingStatus(), updates.size(),
                    refused.size());
        } catch (RuntimeException e) {
            String reason = "Amazon feed " + feed.feedId() + ": " + ErrorClassifier.rootMessage(e);
            updates.forEach(u -> refused.put(u.sku(), reason));
            LOG.warn("{}; its {} SKUs are pushed again", reason, updates.size());
        }
        return refused;
    }

    /** The feed's SKUs are no longer processing (a later feed of the same SKU keeps its own entry). */
    private void forget(String marketplaceId, Map<String, CompletableFuture<Optional<String>>> outcomes) {
        outcomes.forEach((sku, outcome) -> processing.remove(key(marketplaceId, sku), outcome));
    }

    private static String key(String marketplaceId, String sku) {
        return marketplaceId + '\n' + sku;
    }

    /** Stops watching (the context closes): what was not settled is pushed again by the next instance's fan-out. */
    @Override
    public void close() {
        watchers.shutdownNow();
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
