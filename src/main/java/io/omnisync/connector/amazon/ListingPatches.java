package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Patch operations of a {@link ListingUpdate}, shared by patchListingsItem and the listings feed:
 * {@code merge} on {@code /attributes/fulfillment_availability} (DEFAULT channel: only the quantity changes, the
 * handling time and restock date stay) and {@code replace} on {@code /attributes/purchasable_offer} for the
 * update's marketplace and currency.
 */
final class ListingPatches {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ListingPatches() {
    }

    static ArrayNode of(ListingUpdate update) {
        ArrayNode patches = NODES.arrayNode();
        if (update.quantity() != null) {
            ObjectNode availability = NODES.objectNode().put("fulfillment_channel_code", "DEFAULT")
                    .put("quantity", update.quantity());
            patches.add(patch("merge", "/attributes/fulfillment_availability", availability));
        }
        if (update.price() != null) {
            ObjectNode schedule = NODES.objectNode().put("value_with_tax", update.price());
            ObjectNode ourPrice = NODES.objectNode();
            ourPrice.putArray("schedule").add(schedule);
            ObjectNode offer = NODES.objectNode().put("marketplace_id", update.marketplaceId()).put("currency", update.currency());
            offer.putArray("our_price").add(ourPrice);
            patches.add(patch("replace", "/attributes/purchasable_offer", offer));
        }
        return patches;
    }

    private static ObjectNode patch(String op, String path, ObjectNode value) {
        ObjectNode patch = NODES.objectNode().put("op", op).put("path", path);
        patch.putArray("value").add(value);
        return patch;
    }
}
