package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.ebay.EbayRoutes.Reply;
import io.omnisync.sandbox.ebay.EbayRoutes.Request;
import java.util.List;

/**
 * The Sell Inventory API's inventory items and offers over {@link EbayListings}. Error ids the contract does not
 * list (it has none) follow eBay's documented ones where known: 25702 unknown SKU, 25710 resource not found,
 * 25713 offer not available, 25002 offer already exists; 25709 for an invalid value is the fake's choice.
 */
final class EbayInventoryApi {

    static final String DOMAIN = "API_INVENTORY";
    static final int BULK_LIMIT = 25;

    private final EbayListings listings;

    EbayInventoryApi(EbayListings listings) {
        this.listings = listings;
    }

    void register(EbayRoutes routes) {
        routes.add("POST", "/bulk_update_price_quantity", new EbayPriceQuantityUpdate(listings)::handle)
                .add("POST", "/bulk_get_inventory_item", this::bulkGet)
                .add("GET", "/inventory_item", this::listItems)
                .add("GET", "/inventory_item/{sku}", r -> Reply.ok(item(r.param("sku"))))
                .add("PUT", "/inventory_item/{sku}", this::putItem)
                .add("GET", "/offer", this::offers)
                .add("POST", "/offer", this::createOffer)
                .add("GET", "/offer/{offerId}", r -> Reply.ok(offer(r.param("offerId"))))
                .add("POST", "/offer/{offerId}/publish", this::publish);
    }

    private ObjectNode item(String sku) {
        return listings.item(sku).orElseThrow(() -> EbayFakeError.notFound(DOMAIN,
                "We didn't find the entity you are requesting. Please verify the request"));
    }

    private ObjectNode offer(String offerId) {
        return listings.offer(offerId).orElseThrow(() -> EbayFakeError.notFound(DOMAIN, "This Offer is not available."));
    }

    private Reply putItem(Request r) {
        if (r.body() == null || !r.body().isObject()) {
            throw EbayFakeError.badRequest(25709, DOMAIN, "Invalid value for the request body.");
        }
        boolean created = listings.putItem(r.param("sku"), r.header("Content-Language"), r.body());
        return created ? Reply.of(201, null) : Reply.noContent();
    }

    private Reply listItems(Request r) {
        int limit = Integer.parseInt(r.query("limit", "25"));
        int offset = Integer.parseInt(r.query("offset", "0"));
        List<ObjectNode> all = listings.items();
        ObjectNode page = JsonNodeFactory.instance.objectNode().put("total", all.size()).put("limit", limit)
                .put("size", Math.max(0, Math.min(limit, all.size() - offset)));
        ArrayNode items = page.putArray("inventoryItems");
        all.stream().skip(offset).limit(limit).forEach(items::add);
        return Reply.ok(page);
    }

    private Reply bulkGet(Request r) {
        JsonNode requests = r.body().path("requests");
        requireBulkSize(requests);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode responses = answer.putArray("responses");
        boolean allFound = true;
        for (JsonNode request : requests) {
            String sku = request.path("sku").asText();
            ObjectNode response = responses.addObject().put("sku", sku);
            var item = listings.item(sku);
            if (item.isPresent()) {
                response.put("statusCode", 200).set("inventoryItem", item.get());
            } else {
                allFound = false;
                response.put("statusCode", 404).putArray("errors").add(EbayFakeError.error(25702, DOMAIN, "REQUEST",
                        "SKU " + sku + " is not available in the system", null, "sku", sku));
            }
        }
        return Reply.of(allFound ? 200 : 207, answer);
    }

    private Reply offers(Request r) {
        String sku = r.query("sku", null);
        if (sku == null) {
            throw EbayFakeError.badRequest(25709, DOMAIN, "Invalid value for sku.", "sku", "");
        }
        List<ObjectNode> found = listings.offers(sku, r.query("marketplace_id", null));
        if (found.isEmpty()) {
            throw EbayFakeError.notFound(DOMAIN, "This Offer is not available.");
        }
        int limit = Integer.parseInt(r.query("limit", "25"));
        int offset = Integer.parseInt(r.query("offset", "0"));
        ObjectNode page = JsonNodeFactory.instance.objectNode().put("total", found.size()).put("limit", limit)
                .put("size", Math.max(0, Math.min(limit, found.size() - offset)));
        ArrayNode offers = page.putArray("offers");
        found.stream().skip(offset).limit(limit).forEach(offers::add);
        return Reply.ok(page);
    }

    private Reply createOffer(Request r) {
        JsonNode body = r.body();
        String sku = body.path("sku").asText("");
        if (listings.item(sku).isEmpty()) {
            throw EbayFakeError.badRequest(25702, DOMAIN, "SKU " + sku + " is not available in the system", "sku", sku);
        }
        for (String field : List.of("marketplaceId", "format")) {
            if (body.path(field).asText("").isEmpty()) {
                throw EbayFakeError.badRequest(25709, DOMAIN, "Invalid value for " + field + ".", "field", field);
            }
        }
        for (ObjectNode existing : listings.offers(sku, body.path("marketplaceId").asText())) {
            if (existing.path("format").asText().equals(body.path("format").asText())) {
                throw EbayFakeError.badRequest(25002, DOMAIN, "Offer entity already exists.",
                        "offerId", existing.path("offerId").asText());
            }
        }
        String offerId = listings.createOffer(body);
        return Reply.of(201, JsonNodeFactory.instance.objectNode().put("offerId", offerId));
    }

    private Reply publish(Request r) {
        ObjectNode offer = offer(r.param("offerId"));
        ObjectNode item = item(offer.path("sku").asText());
        for (String pointer : List.of("/pricingSummary/price/value", "/categoryId", "/merchantLocationKey",
                "/listingPolicies/fulfillmentPolicyId", "/listingPolicies/paymentPolicyId", "/listingPolicies/returnPolicyId")) {
            if (offer.at(pointer).asText("").isEmpty()) {
                throw EbayFakeError.badRequest(25709, DOMAIN, "Invalid value for " + pointer.substring(1).replace('/', '.')
                        + ". The offer cannot be published without it.", "field", pointer.substring(1).replace('/', '.'));
            }
        }
        if (item.at("/product/title").asText("").isEmpty()) {
            throw EbayFakeError.badRequest(25709, DOMAIN, "Invalid value for product.title of the inventory item.");
        }
        String listingId = listings.publish(r.param("offerId"));
        return Reply.ok(JsonNodeFactory.instance.objectNode().put("listingId", listingId));
    }

    /** eBay takes at most 25 items per bulk call. */
    static void requireBulkSize(JsonNode requests) {
        if (!requests.isArray() || requests.isEmpty() || requests.size() > BULK_LIMIT) {
            throw EbayFakeError.badRequest(25709, DOMAIN, "Invalid value for requests. The number of requests must be "
                    + "between 1 and " + BULK_LIMIT + ", but was " + requests.size() + ".", "requests",
                    String.valueOf(requests.size()));
        }
    }
}
