package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The merchant's locations and catalogue: ITEM objects with nested ITEM_VARIATION objects (SKU, fixed EUR price),
 * kept as Square's JSON. Ids are opaque, like Square's, so a client has to look SKUs up. Not thread-safe on its
 * own; {@link PosFake} serialises access.
 */
public final class PosCatalogBook {

    public static final String BERLIN = "L-BERLIN";

    private final List<ObjectNode> locations = new ArrayList<>();
    private final Map<String, ObjectNode> items = new LinkedHashMap<>();
    private final Map<String, ObjectNode> variations = new LinkedHashMap<>();
    private final SplittableRandom ids = new SplittableRandom(20261122L);

    PosCatalogBook(String now) {
        locations.add(JsonHttp.nodes().objectNode().put("id", BERLIN).put("name", "Berlin Store").put("currency", "EUR")
                .put("country", "DE").put("status", "ACTIVE").put("timezone", "Europe/Berlin").put("type", "PHYSICAL")
                .put("merchant_id", PosFake.MERCHANT_ID).put("created_at", now));
        for (int n = 1; n <= 45; n++) {
            String sku = String.format("OS-%04d", n);
            ObjectNode item = object("ITEM", newId(), now);
            ObjectNode data = item.putObject("item_data").put("name", "Omnisync product " + n);
            ObjectNode variation = object("ITEM_VARIATION", newId(), now);
            variation.putObject("item_variation_data").put("item_id", item.path("id").asText()).put("name", "Regular")
                    .put("sku", sku).put("pricing_type", "FIXED_PRICING").put("track_inventory", true)
                    .putObject("price_money").put("amount", 499 + 150L * n).put("currency", "EUR");
            data.putArray("variations").add(variation);
            put(item);
        }
    }

    public List<ObjectNode> locations() {
        return List.copyOf(locations);
    }

    public boolean hasLocation(String id) {
        return locations.stream().anyMatch(l -> l.path("id").asText().equals(id));
    }

    /** The variation with this SKU (case-insensitive), if any. */
    public Optional<ObjectNode> variationBySku(String sku) {
        return variations.values().stream()
                .filter(v -> v.path("item_variation_data").path("sku").asText().equalsIgnoreCase(sku)).findFirst();
    }

    public Optional<ObjectNode> variation(String id) {
        return Optional.ofNullable(variations.get(id));
    }

    /** The variation's price as a decimal (EUR cents / 100). */
    public BigDecimal price(ObjectNode variation) {
        return BigDecimal.valueOf(variation.path("item_variation_data").path("price_money").path("amount").asLong(), 2);
    }

    public List<ObjectNode> variations() {
        return List.copyOf(variations.values());
    }

    /** An object by id: an item with its variations nested, or a variation. */
    Optional<ObjectNode> object(String id) {
        return Optional.ofNullable(items.containsKey(id) ? items.get(id) : variations.get(id));
    }

    /** Upserts one batch all or nothing; answers the stored items and records {@code #client ids} in {@code mappings}. */
    List<ObjectNode> upsertBatch(JsonNode objects, String path, String now, ArrayNode mappings) {
        Map<String, String> newIds = new LinkedHashMap<>();
        List<ObjectNode> prepared = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            if (!"ITEM".equals(object.path("type").asText())) {
                throw PosFakeError.invalid("INVALID_VALUE", "This fake upserts ITEM objects (with their variations) only.",
                        path + "[" + i + "].type");
            }
            ObjectNode item = prepare((ObjectNode) object.deepCopy(), newIds, path + "[" + i + "]", now);
            ArrayNode nested = (ArrayNode) item.path("item_data").path("variations");
            for (int v = 0; v < nested.size(); v++) {
                ObjectNode variation = prepare((ObjectNode) nested.get(v), newIds, path + "[" + i + "].item_data.variations[" + v + "]", now);
                ((ObjectNode) variation.path("item_variation_data")).put("item_id", item.path("id").asText());
            }
            prepared.add(item);
        }
        prepared.forEach(this::put);
        newIds.forEach((client, id) -> mappings.addObject().put("client_object_id", client).put("object_id", id));
        return prepared;
    }

    private ObjectNode prepare(ObjectNode object, Map<String, String> newIds, String field, String now) {
        String id = object.path("id").asText("");
        if (id.startsWith("#")) {
            object.put("id", newIds.computeIfAbsent(id, k -> newId()));
            object.put("version", 1);
        } else if (items.containsKey(id) || variations.containsKey(id)) {
            object.put("version", object(id).get().path("version").asLong() + 1);
        } else {
            throw PosFakeError.invalid("INVALID_VALUE", "Object `" + id + "` was not found.", field + ".id");
        }
        object.put("updated_at", now).put("is_deleted", false).put("present_at_all_locations", true);
        return object;
    }

    private void put(ObjectNode item) {
        items.put(item.path("id").asText(), item);
        for (JsonNode variation : item.path("item_data").path("variations")) {
            variations.put(variation.path("id").asText(), (ObjectNode) variation);
        }
    }

    private ObjectNode object(String type, String id, String now) {
        return JsonHttp.nodes().objectNode().put("type", type).put("id", id).put("updated_at", now).put("version", 1)
                .put("is_deleted", false).put("present_at_all_locations", true);
    }

    private String newId() {
        StringBuilder id = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < 24; i++) {
            id.append(alphabet.charAt(ids.nextInt(alphabet.length())));
        }
        return id.toString().toUpperCase(Locale.ROOT);
    }
}
