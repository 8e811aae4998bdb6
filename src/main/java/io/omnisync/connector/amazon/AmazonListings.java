package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Listings Items API 2021-08-01: one SKU at a time, for low-latency stock and price changes and read-back. */
public class AmazonListings {

    private static final String PATH = "/listings/2021-08-01/items/";

    private final AmazonClient client;

    public AmazonListings(AmazonClient client) {
        this.client = client;
    }

    /**
     * patchListingsItem: quantity and/or price of one SKU in one marketplace, in one call. ACCEPTED only means
     * Amazon queued the change; read it back with {@link #get} or wait for LISTINGS_ITEM_STATUS_CHANGE.
     *
     * @return Amazon's answer; status INVALID carries the issues (nothing was changed)
     */
    public ListingSubmission patch(ListingUpdate update) {
        ObjectNode body = client.mapper().createObjectNode().put("productType", client.properties().getProductType());
        body.set("patches", ListingPatches.of(update));
        JsonNode answer = client.call(SpApiOperation.PATCH_LISTINGS_ITEM, "PATCH", itemPath(update.sku()),
                Map.of("marketplaceIds", update.marketplaceId()), body);
        List<ListingSubmission.Issue> issues = new ArrayList<>();
        for (JsonNode issue : answer.path("issues")) {
            issues.add(new ListingSubmission.Issue(issue.path("code").asText(), issue.path("severity").asText(),
                    issue.path("message").asText(), issue.path("attributeNames").path(0).asText(null)));
        }
        return new ListingSubmission(answer.path("sku").asText(update.sku()), answer.path("status").asText(),
                answer.path("submissionId").asText(null), issues);
    }

    /** getListingsItem: the DEFAULT-channel quantity and the marketplace's B2C price, for reconciliation. */
    public ListingState get(String sku, String marketplaceId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("marketplaceIds", marketplaceId);
        query.put("includedData", "summaries,offers,fulfillmentAvailability");
        JsonNode item = client.call(SpApiOperation.GET_LISTINGS_ITEM, "GET", itemPath(sku), query, null);
        Integer quantity = null;
        for (JsonNode availability : item.path("fulfillmentAvailability")) {
            if ("DEFAULT".equals(availability.path("fulfillmentChannelCode").asText()) && availability.has("quantity")) {
                quantity = availability.path("quantity").asInt();
            }
        }
        BigDecimal price = null;
        String currency = null;
        for (JsonNode offer : item.path("offers")) {
            if (marketplaceId.equals(offer.path("marketplaceId").asText()) && "B2C".equals(offer.path("offerType").asText())) {
                price = new BigDecimal(offer.path("price").path("amount").asText());
                currency = offer.path("price").path("currencyCode").asText();
            }
        }
        return new ListingState(sku, marketplaceId, quantity, price, currency);
    }

    private String itemPath(String sku) {
        return PATH + AmazonClient.segment(client.properties().getSellerId()) + "/" + AmazonClient.segment(sku);
    }

    /**
     * Amazon's answer to a listing submission.
     *
     * @param status ACCEPTED, INVALID or VALID (validation preview)
     */
    public record ListingSubmission(String sku, String status, String submissionId, List<Issue> issues) {

        /** True when Amazon took the change for processing. */
        public boolean accepted() {
            return "ACCEPTED".equals(status);
        }

        /** One issue Amazon found; {@code attribute} may be null. */
        public record Issue(String code, String severity, String message, String attribute) {
        }
    }

    /** What Amazon shows for one SKU in one marketplace; null where the listing has no value. */
    public record ListingState(String sku, String marketplaceId, Integer quantity, BigDecimal price, String currency) {
    }
}
