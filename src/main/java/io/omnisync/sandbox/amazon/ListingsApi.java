package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Listings Items API 2021-08-01: getListingsItem and patchListingsItem on the {@link ListingsBook}. */
final class ListingsApi {

    private static final String ITEM = "/listings/2021-08-01/items/{sellerId}/{sku}";

    private final ListingsBook book;
    private final String sellerId;

    ListingsApi(ListingsBook book, String sellerId) {
        this.book = book;
        this.sellerId = sellerId;
    }

    void register(FakeRoutes routes) {
        routes.add("GET", ITEM, "getListingsItem", this::get);
        routes.add("PATCH", ITEM, "patchListingsItem", this::patch);
    }

    private FakeRoutes.Reply get(FakeRoutes.Request request) {
        checkSeller(request);
        String sku = request.param("sku");
        List<String> marketplaces = request.list("marketplaceIds");
        ListingsBook.Listing listing = book.find(sku).filter(l -> marketplaces.stream().anyMatch(l.offers::containsKey))
                .orElseThrow(() -> SpApiError.notFound("SKU '" + sku + "' not found in marketplace " + marketplaces));
        List<String> included = request.list("includedData").isEmpty() ? List.of("summaries") : request.list("includedData");
        ObjectNode item = JsonHttp.nodes().objectNode().put("sku", sku);
        if (included.contains("summaries")) {
            ArrayNode summaries = item.putArray("summaries");
            marketplaces.stream().filter(listing.offers::containsKey).forEach(m -> {
                ObjectNode s = summaries.addObject().put("marketplaceId", m).put("asin", listing.asin)
                        .put("productType", listing.productType).put("conditionType", "new_new").put("itemName", listing.title)
                        .put("createdDate", DateTimeFormatter.ISO_INSTANT.format(listing.created.truncatedTo(ChronoUnit.SECONDS)))
                        .put("lastUpdatedDate", DateTimeFormatter.ISO_INSTANT.format(listing.updated.truncatedTo(ChronoUnit.SECONDS)));
                s.putArray("status").add("BUYABLE").add("DISCOVERABLE");
            });
        }
        if (included.contains("offers")) {
            ArrayNode offers = item.putArray("offers");
            marketplaces.stream().filter(listing.offers::containsKey).forEach(m -> {
                ListingsBook.Offer offer = listing.offers.get(m);
                offers.addObject().put("marketplaceId", m).put("offerType", "B2C").putObject("price")
                        .put("currencyCode", offer.currency()).put("amount", offer.price().toPlainString());
            });
        }
        if (included.contains("fulfillmentAvailability")) {
            ArrayNode availability = item.putArray("fulfillmentAvailability");
            marketplaces.stream().filter(listing.offers::containsKey).findFirst().ifPresent(m -> availability.addObject()
                    .put("fulfillmentChannelCode", "DEFAULT").put("quantity", listing.offers.get(m).quantity()));
        }
        return FakeRoutes.Reply.ok(item);
    }

    private FakeRoutes.Reply patch(FakeRoutes.Request request) {
        checkSeller(request);
        List<ListingsBook.Issue> issues = book.apply(request.param("sku"), request.list("marketplaceIds"),
                request.body().path("patches"));
        ObjectNode answer = JsonHttp.nodes().objectNode().put("sku", request.param("sku"))
                .put("status", issues.isEmpty() ? "ACCEPTED" : "INVALID").put("submissionId", UUID.randomUUID().toString().replace("-", ""));
        ArrayNode list = answer.putArray("issues");
        issues.forEach(i -> {
            ObjectNode issue = list.addObject().put("code", i.code()).put("message", i.message()).put("severity", "ERROR");
            if (i.attributeName() != null) {
                issue.putArray("attributeNames").add(i.attributeName());
            }
        });
        return FakeRoutes.Reply.ok(answer);
    }

    private void checkSeller(FakeRoutes.Request request) {
        if (!sellerId.equals(request.param("sellerId"))) {
            throw SpApiError.denied("The seller " + request.param("sellerId") + " has not authorised this application.");
        }
    }
}
