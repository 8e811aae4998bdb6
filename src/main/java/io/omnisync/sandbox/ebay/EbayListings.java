package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seller's inventory items (by SKU) and offers (by offer id) with their listings. Access is synchronised on
 * this object; readers get copies.
 */
public final class EbayListings {

    private final Map<String, ObjectNode> items = new TreeMap<>();
    private final Map<String, ObjectNode> offers = new TreeMap<>();
    private final AtomicLong offerIds = new AtomicLong(5_000_000_001L);
    private final AtomicLong listingIds = new AtomicLong(110_000_000_001L);

    /** Stores an inventory item; true when it is new. */
    synchronized boolean putItem(String sku, String locale, JsonNode item) {
        ObjectNode copy = item.deepCopy();
        copy.put("sku", sku).put("locale", locale.replace('-', '_'));
        return items.put(sku, copy) == null;
    }

    /** A copy of an inventory item. */
    public synchronized Optional<ObjectNode> item(String sku) {
        return Optional.ofNullable(items.get(sku)).map(ObjectNode::deepCopy);
    }

    synchronized List<ObjectNode> items() {
        return items.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The item's ship-to-home quantity, or -1 when the SKU is unknown. */
    public synchronized int quantity(String sku) {
        ObjectNode item = items.get(sku);
        return item == null ? -1 : item.path("availability").path("shipToLocationAvailability").path("quantity").asInt();
    }

    synchronized void setQuantity(String sku, int quantity) {
        ObjectNode availability = items.get(sku).withObjectProperty("availability");
        availability.withObjectProperty("shipToLocationAvailability").put("quantity", quantity);
    }

    /** Creates an unpublished offer and returns its id. */
    synchronized String createOffer(JsonNode details) {
        String offerId = String.valueOf(offerIds.getAndIncrement());
        ObjectNode offer = details.deepCopy();
        offer.put("offerId", offerId).put("status", "UNPUBLISHED");
        offers.put(offerId, offer);
        return offerId;
    }

    /** A copy of an offer. */
    public synchronized Optional<ObjectNode> offer(String offerId) {
        return Optional.ofNullable(offers.get(offerId)).map(ObjectNode::deepCopy);
    }

    /** Copies of the offers of a SKU, of one marketplace unless {@code marketplaceId} is null. */
    public synchronized List<ObjectNode> offers(String sku, String marketplaceId) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode offer : offers.values()) {
            if (offer.path("sku").asText().equals(sku)
                    && (marketplaceId == null || offer.path("marketplaceId").asText().equals(marketplaceId))) {
                found.add(offer.deepCopy());
            }
        }
        return found;
    }

    /** Publishes an offer: it becomes a live listing; returns the listing id (the same on a republish). */
    synchronized String publish(String offerId) {
        ObjectNode offer = offers.get(offerId);
        String listingId = offer.path("listing").path("listingId").asText(null);
        if (listingId == null) {
            listingId = String.valueOf(listingIds.getAndIncrement());
        }
        offer.put("status", "PUBLISHED");
        offer.putObject("listing").put("listingId", listingId).put("listingStatus", "ACTIVE").put("soldQuantity", 0);
        return listingId;
    }

    public synchronized void setOfferQuantity(String offerId, int quantity) {
        offers.get(offerId).put("availableQuantity", quantity);
    }

    synchronized void setOfferPrice(String offerId, BigDecimal price) {
        offers.get(offerId).withObjectProperty("pricingSummary").withObjectProperty("price").put("value", price.toPlainString());
    }

    /**
     * Sells {@code quantity} of a SKU through its published offer on a marketplace: lowers the offer's and the
     * item's quantity, as a purchase on eBay does. Returns the offer sold from.
     */
    synchronized ObjectNode sell(String sku, String marketplaceId, int quantity) {
        ObjectNode offer = offers.values().stream()
                .filter(o -> o.path("sku").asText().equals(sku) && o.path("marketplaceId").asText().equals(marketplaceId)
                        && o.path("status").asText().equals("PUBLISHED"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(sku + " has no live listing on " + marketplaceId));
        int available = offer.path("availableQuantity").asInt(quantity(sku));
        if (available < quantity) {
            throw new IllegalArgumentException(sku + " has only " + available + " available on " + marketplaceId);
        }
        offer.put("availableQuantity", available - quantity);
        ObjectNode listing = offer.withObjectProperty("listing");
        listing.put("soldQuantity", listing.path("soldQuantity").asInt() + quantity);
        setQuantity(sku, Math.max(0, quantity(sku) - quantity));
        return offer.deepCopy();
    }

    /** SKUs with a live listing on a marketplace. */
    public synchronized List<String> listedSkus(String marketplaceId) {
        return offers.values().stream().filter(o -> o.path("marketplaceId").asText().equals(marketplaceId)
                && o.path("status").asText().equals("PUBLISHED")).map(o -> o.path("sku").asText()).distinct().toList();
    }

    static ObjectNode amount(BigDecimal value, String currency) {
        return JsonNodeFactory.instance.objectNode().put("value", value.toPlainString()).put("currency", currency);
    }
}
