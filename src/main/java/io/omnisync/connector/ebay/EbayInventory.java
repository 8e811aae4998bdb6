package io.omnisync.connector.ebay;

import static io.omnisync.connector.ebay.EbayRequest.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Sell Inventory API: inventory items, offers and the bulk price and quantity revision. */
public class EbayInventory {

    /** Most inventory items one bulk call takes (bulkUpdatePriceQuantity, bulkGetInventoryItem). */
    public static final int BULK_LIMIT = 25;

    private final EbayClient client;

    public EbayInventory(EbayClient client) {
        this.client = client;
    }

    /**
     * Revises quantities and prices, {@value #BULK_LIMIT} SKUs per call. eBay answers 200 or 207 with a status per
     * SKU and offer; every item that is not 2xx becomes a failure naming its SKU, and the other chunks are still sent.
     * A call refused as a whole (400, or the retry budget spent) throws.
     */
    public EbayBulkResult bulkUpdatePriceQuantity(List<EbayPriceQuantity> updates) {
        List<EbayItemFailure> failures = new ArrayList<>();
        List<EbayItemFailure> warnings = new ArrayList<>();
        int calls = 0;
        for (int from = 0; from < updates.size(); from += BULK_LIMIT) {
            ObjectNode body = client.mapper().createObjectNode();
            ArrayNode requests = body.putArray("requests");
            updates.subList(from, Math.min(updates.size(), from + BULK_LIMIT)).forEach(u -> requests.add(request(u)));
            JsonNode answer = client.call(EbayRequest.post(EbayApi.INVENTORY, "/bulk_update_price_quantity", body)
                    .repeatable());
            calls++;
            collect(answer, failures, warnings);
        }
        return new EbayBulkResult(calls, failures, warnings);
    }

    /** Creates or replaces an inventory item (the whole record: read, change, write); its text is in {@code contentLanguage}. */
    public void createOrReplaceInventoryItem(String sku, String contentLanguage, JsonNode item) {
        client.send(EbayRequest.put(EbayApi.INVENTORY, "/inventory_item/" + encode(sku), item)
                .header("Content-Language", contentLanguage));
    }

    /** One inventory item, or empty when eBay has none with this SKU. */
    public Optional<JsonNode> getInventoryItem(String sku) {
        try {
            return Optional.of(client.call(EbayRequest.get(EbayApi.INVENTORY, "/inventory_item/" + encode(sku))));
        } catch (IntegrationException e) {
            if (e.errorClass() == ErrorClass.MISSING) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Inventory items by SKU for reconciliation, {@value #BULK_LIMIT} per call; SKUs eBay does not have are left out. */
    public Map<String, JsonNode> bulkGetInventoryItems(List<String> skus) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (int from = 0; from < skus.size(); from += BULK_LIMIT) {
            ObjectNode body = client.mapper().createObjectNode();
            ArrayNode requests = body.putArray("requests");
            skus.subList(from, Math.min(skus.size(), from + BULK_LIMIT)).forEach(sku -> requests.addObject().put("sku", sku));
            JsonNode answer = client.call(EbayRequest.post(EbayApi.INVENTORY, "/bulk_get_inventory_item", body).repeatable());
            for (JsonNode response : answer.path("responses")) {
                if (response.path("statusCode").asInt() / 100 == 2 && response.has("inventoryItem")) {
                    found.put(response.path("sku").asText(), response.get("inventoryItem"));
                }
            }
        }
        return found;
    }

    /** The offers of a SKU on a marketplace (every page); empty when it has none. */
    public List<JsonNode> getOffers(String sku, String marketplaceId) {
        List<JsonNode> offers = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page;
            try {
                page = client.call(EbayRequest.get(EbayApi.INVENTORY, "/offer?sku=" + encode(sku) + "&marketplace_id="
                        + encode(marketplaceId) + "&limit=100&offset=" + offset));
            } catch (IntegrationException e) {
                if (e.errorClass() == ErrorClass.MISSING) {
                    return offers;
                }
                throw e;
            }
            page.path("offers").forEach(offers::add);
            offset += page.path("offers").size();
            if (page.path("offers").isEmpty() || offset >= page.path("total").asInt()) {
                return offers;
            }
        }
    }

    /**
     * Creates an unpublished offer (EbayOfferDetailsWithKeys: sku, marketplaceId, format, availableQuantity,
     * categoryId, listingPolicies, pricingSummary, merchantLocationKey...) and returns its offerId. Not repeated after
     * a 5xx or timeout: look for the offer with {@link #getOffers} before creating it again.
     */
    public String createOffer(String contentLanguage, JsonNode offer) {
        JsonNode answer = client.call(EbayRequest.post(EbayApi.INVENTORY, "/offer", offer)
                .header("Content-Language", contentLanguage));
        return answer.path("offerId").asText();
    }

    /** Publishes an offer as a live listing (republishing revises it) and returns the listing id. */
    public String publishOffer(String offerId) {
        JsonNode answer = client.call(EbayRequest.post(EbayApi.INVENTORY, "/offer/" + encode(offerId) + "/publish", null)
                .repeatable());
        return answer.path("listingId").asText();
    }

    private ObjectNode request(EbayPriceQuantity update) {
        ObjectNode request = client.mapper().createObjectNode().put("sku", update.sku());
        if (update.quantity() != null) {
            request.putObject("shipToLocationAvailability").put("quantity", update.quantity());
        }
        if (!update.offers().isEmpty()) {
            ArrayNode offers = request.putArray("offers");
            for (EbayPriceQuantity.Offer offer : update.offers()) {
                ObjectNode o = offers.addObject().put("offerId", offer.offerId());
                if (offer.availableQuantity() != null) {
                    o.put("availableQuantity", offer.availableQuantity());
                }
                if (offer.price() != null) {
                    o.putObject("price").put("value", offer.price().toPlainString()).put("currency", offer.currency());
                }
            }
        }
        return request;
    }

    private static void collect(JsonNode answer, List<EbayItemFailure> failures, List<EbayItemFailure> warnings) {
        for (JsonNode response : answer.path("responses")) {
            int status = response.path("statusCode").asInt();
            String sku = response.path("sku").asText(null);
            String offerId = response.path("offerId").asText(null);
            if (status / 100 != 2) {
                String message = EbayErrors.readable(response.has("errors") ? response : null);
                failures.add(new EbayItemFailure(sku, offerId, status, message == null ? "no error given" : message));
            } else if (response.path("warnings").isArray() && !response.path("warnings").isEmpty()) {
                ObjectNode only = JsonNodeFactory.instance.objectNode();
                only.set("errors", response.get("warnings"));
                warnings.add(new EbayItemFailure(sku, offerId, status, EbayErrors.readable(only)));
            }
        }
    }
}
