package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * In-stock counts per (variation, location), changed by PHYSICAL_COUNT (set) and ADJUSTMENT (moves into or out of
 * IN_STOCK) changes, applied all or nothing per request. Not thread-safe on its own; {@link PosFake} serialises access.
 */
public final class PosInventoryBook {

    /** Square accepts at most 100 changes per batch-create. */
    static final int MAX_CHANGES = 100;

    private final PosCatalogBook catalog;
    private final Map<String, BigDecimal> inStock = new TreeMap<>();
    private final Map<String, String> calculatedAt = new TreeMap<>();
    private long changesApplied;

    PosInventoryBook(PosCatalogBook catalog, String now) {
        this.catalog = catalog;
        SplittableRandom random = new SplittableRandom(20261123L);
        for (ObjectNode variation : catalog.variations()) {
            set(variation.path("id").asText(), PosCatalogBook.BERLIN, BigDecimal.valueOf(random.nextInt(3, 21)), now);
        }
    }

    /** The in-stock quantity of a variation at a location (zero when never counted). */
    public BigDecimal quantity(String variationId, String locationId) {
        return inStock.getOrDefault(variationId + "|" + locationId, BigDecimal.ZERO);
    }

    /** Change records applied so far (a repeated idempotent request adds none). */
    public long changesApplied() {
        return changesApplied;
    }

    /** Moves units between IN_STOCK and another state, as a sale (to SOLD) or a return (from RETURNED_BY_CUSTOMER) does. */
    void adjust(String variationId, String locationId, BigDecimal delta, String now) {
        set(variationId, locationId, quantity(variationId, locationId).add(delta), now);
    }

    /** Checks every change, then applies them all; answers the resulting counts of the touched pairs. */
    List<ObjectNode> apply(JsonNode changes, String now) {
        if (changes.size() > MAX_CHANGES) {
            throw PosFakeError.invalid("ARRAY_LENGTH_TOO_LONG", "At most " + MAX_CHANGES + " changes may be sent in one "
                    + "request; got " + changes.size() + ".", "changes");
        }
        List<Runnable> effects = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            JsonNode change = changes.get(i);
            String type = change.path("type").asText();
            String field = "changes[" + i + "]";
            JsonNode body = "PHYSICAL_COUNT".equals(type) ? change.path("physical_count")
                    : "ADJUSTMENT".equals(type) ? change.path("adjustment") : null;
            if (body == null || body.isMissingNode()) {
                throw PosFakeError.invalid("INVALID_VALUE", "This fake applies PHYSICAL_COUNT and ADJUSTMENT changes with "
                        + "their physical_count or adjustment.", field + ".type");
            }
            String variation = body.path("catalog_object_id").asText();
            String location = body.path("location_id").asText();
            String part = field + "." + ("PHYSICAL_COUNT".equals(type) ? "physical_count" : "adjustment");
            if (catalog.variation(variation).isEmpty()) {
                throw PosFakeError.invalid("INVALID_VALUE", "Catalog object `" + variation + "` is not an item variation "
                        + "of this merchant.", part + ".catalog_object_id");
            }
            if (!catalog.hasLocation(location)) {
                throw PosFakeError.invalid("INVALID_VALUE", "Location `" + location + "` not found.", part + ".location_id");
            }
            BigDecimal quantity = parseQuantity(body.path("quantity").asText(""), part + ".quantity");
            touched.add(variation + "|" + location);
            if ("PHYSICAL_COUNT".equals(type)) {
                if (!"IN_STOCK".equals(body.path("state").asText())) {
                    throw PosFakeError.invalid("INVALID_VALUE", "A physical count must be of state IN_STOCK.", part + ".state");
                }
                effects.add(() -> set(variation, location, quantity, now));
            } else {
                BigDecimal delta = ("IN_STOCK".equals(body.path("to_state").asText()) ? quantity : BigDecimal.ZERO)
                        .subtract("IN_STOCK".equals(body.path("from_state").asText()) ? quantity : BigDecimal.ZERO);
                effects.add(() -> adjust(variation, location, delta, now));
            }
        }
        effects.forEach(Runnable::run);
        changesApplied += effects.size();
        return touched.stream().distinct().map(this::count).toList();
    }

    /** Counts matching the filters (empty: any), in a stable order. */
    List<ObjectNode> counts(List<String> variationIds, List<String> locationIds) {
        List<ObjectNode> counts = new ArrayList<>();
        for (String key : inStock.keySet()) {
            String[] parts = key.split("\\|");
            if ((variationIds.isEmpty() || variationIds.contains(parts[0]))
                    && (locationIds.isEmpty() || locationIds.contains(parts[1]))) {
                counts.add(count(key));
            }
        }
        return counts;
    }

    private ObjectNode count(String key) {
        String[] parts = key.split("\\|");
        return JsonHttp.nodes().objectNode().put("catalog_object_id", parts[0]).put("catalog_object_type", "ITEM_VARIATION")
                .put("state", "IN_STOCK").put("location_id", parts[1])
                .put("quantity", inStock.get(key).stripTrailingZeros().toPlainString())
                .put("calculated_at", calculatedAt.get(key));
    }

    private void set(String variationId, String locationId, BigDecimal quantity, String now) {
        inStock.put(variationId + "|" + locationId, quantity);
        calculatedAt.put(variationId + "|" + locationId, now);
    }

    private static BigDecimal parseQuantity(String text, String field) {
        try {
            BigDecimal quantity = new BigDecimal(text);
            if (quantity.signum() < 0) {
                throw PosFakeError.invalid("INVALID_VALUE", "Quantity must not be negative.", field);
            }
            return quantity;
        } catch (NumberFormatException e) {
            throw PosFakeError.invalid("INVALID_VALUE", "Quantity `" + text + "` is not a decimal number.", field);
        }
    }
}
