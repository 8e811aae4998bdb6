package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Feeds API 2021-06-30 with JSON_LISTINGS_FEED, for bulk stock and price pushes (createFeed allows about one
 * feed per two minutes, so batch aggressively): createFeedDocument, upload the document to the returned URL,
 * createFeed, poll getFeed until DONE/FATAL/CANCELLED, getFeedDocument, download (gunzip) and read the
 * processing report. Every message is a PATCH of the same attributes patchListingsItem changes.
 */
public class AmazonFeeds {

    /** The content type of JSON feed documents; the upload must use exactly this one. */
    public static final String CONTENT_TYPE = "application/json; charset=UTF-8";
    private static final Set<String> FINAL = Set.of("DONE", "FATAL", "CANCELLED");

    private final AmazonClient client;
    private final Clock clock;

    public AmazonFeeds(AmazonClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Submits the updates of one marketplace as one feed and waits for its processing report. */
    public FeedReport run(String marketplaceId, List<ListingUpdate> updates) {
        Submitted feed = submit(marketplaceId, updates);
        return await(feed);
    }

    /** Uploads the feed document and creates the feed; returns at once with the feed id (messages are numbered from 1). */
    public Submitted submit(String marketplaceId, List<ListingUpdate> updates) {
        if (updates.isEmpty() || updates.size() > 25_000) {
            throw new IllegalArgumentException("a listings feed holds 1 to 25000 messages, got " + updates.size());
        }
        Map<Integer, String> skus = new LinkedHashMap<>();
        ObjectNode document = client.mapper().createObjectNode();
        document.putObject("header").put("sellerId", client.properties().getSellerId()).put("version", "2.0");
        ArrayNode messages = document.putArray("messages");
        for (ListingUpdate update : updates) {
            if (!update.marketplaceId().equals(marketplaceId)) {
                throw new IllegalArgumentException("update of " + update.sku() + " is for " + update.marketplaceId()
                        + ", not for the feed's marketplace " + marketplaceId);
            }
            int messageId = skus.size() + 1;
            skus.put(messageId, update.sku());
            messages.addObject().put("messageId", messageId).put("sku", update.sku()).put("operationType", "PATCH")
                    .put("productType", client.properties().getProductType()).set("patches", ListingPatches.of(update));
        }
        JsonNode created = client.call(SpApiOperation.CREATE_FEED_DOCUMENT, "POST", "/feeds/2021-06-30/documents", Map.of(),
                client.mapper().createObjectNode().put("contentType", CONTENT_TYPE));
        client.upload(URI.create(created.path("url").asText()), CONTENT_TYPE,
                document.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode specification = client.mapper().createObjectNode().put("feedType", "JSON_LISTINGS_FEED")
                .put("inputFeedDocumentId", created.path("feedDocumentId").asText());
        specification.putArray("marketplaceIds").add(marketplaceId);
        JsonNode feed = client.call(SpApiOperation.CREATE_FEED, "POST", "/feeds/2021-06-30/feeds", Map.of(), specification);
        return new Submitted(feed.path("feedId").asText(), Map.copyOf(skus));
    }

    /** Polls getFeed every feed-poll-interval until the feed is final, then reads its processing report. */
    public FeedReport await(Submitted feed) {
        Instant deadline = clock.instant().plus(client.properties().getFeedTimeout());
        String path = "/feeds/2021-06-30/feeds/" + AmazonClient.segment(feed.feedId());
        while (true) {
            JsonNode state = client.call(SpApiOperation.GET_FEED, "GET", path, Map.of(), null);
            String status = state.path("processingStatus").asText();
            if (FINAL.contains(status)) {
                String resultId = state.path("resultFeedDocumentId").asText("");
                return FeedReport.read(feed.feedId(), status, resultId.isEmpty() ? null : report(resultId), feed.skus());
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new IntegrationException(ErrorClass.INTERMITTENT, "Amazon feed " + feed.feedId() + " is still "
                        + status + " after " + client.properties().getFeedTimeout());
            }
            try {
                client.sleeper().sleep(client.properties().getFeedPollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IntegrationException(ErrorClass.INTERMITTENT, "interrupted while waiting for Amazon feed " + feed.feedId(), e);
            }
        }
    }

    /** getFeedDocument, then the document itself, gunzipped when Amazon says GZIP. */
    private JsonNode report(String feedDocumentId) {
        JsonNode document = client.call(SpApiOperation.GET_FEED_DOCUMENT, "GET", "/feeds/2021-06-30/documents/"
                + AmazonClient.segment(feedDocumentId), Map.of(), null);
        byte[] bytes = client.download(URI.create(document.path("url").asText()));
        try (InputStream in = "GZIP".equals(document.path("compressionAlgorithm").asText())
                ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes)) {
            return client.mapper().readTree(in);
        } catch (IOException e) {
            throw new IntegrationException(ErrorClass.PARSE, "Amazon's processing report " + feedDocumentId + " cannot be read", e);
        }
    }

    /** A created feed: its id and the SKU of each message id. */
    public record Submitted(String feedId, Map<Integer, String> skus) {
    }
}
