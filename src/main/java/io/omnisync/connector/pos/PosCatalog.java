package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The POS catalogue: items with variations, each variation carrying a SKU and a fixed price. Inventory and order
 * lines refer to variation ids, so this class keeps the two directions of the SKU-to-variation-id map: by SKU with
 * {@code POST /v2/catalog/search} (an exact set query on {@code sku}), by id with {@code POST /v2/catalog/batch-retrieve}.
 */
public class PosCatalog {

    static final String UPSERT_PATH = "/v2/catalog/batch-upsert";
    static final String SEARCH_PATH = "/v2/catalog/search";
    static final String RETRIEVE_PATH = "/v2/catalog/batch-retrieve";
    /** Square searches at most 250 values of a set query per request. */
    static final int SKUS_PER_SEARCH = 250;
    static final int ITEMS_PER_UPSERT = 100;
    static final int IDS_PER_RETRIEVE = 1000;

    /** One variation: its id when it exists (null creates it), SKU, name and fixed price. */
    public record Variation(String variationId, String sku, String name, BigDecimal price, String currency) {
        public Variation {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(currency, "currency");
        }
    }

    /** One item: its id when it exists (null creates it), name and variations. */
    public record Item(String itemId, String name, List<Variation> variations) {
        public Item {
            Objects.requireNonNull(name, "name");
            variations = List.copyOf(variations);
            if (variations.isEmpty()) {
                throw new IllegalArgumentException("item " + name + " needs at least one variation");
            }
        }
    }

    private final PosClient client;

    public PosCatalog(PosClient client) {
        this.client = client;
    }

    /**
     * Creates or updates items, each in a batch of its own (Square applies a batch all or nothing, so one bad item
     * does not block the others). Answers the variation id of every SKU written.
     */
    public Map<String, String> upsert(List<Item> items) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int from = 0; from < items.size(); from += ITEMS_PER_UPSERT) {
            ArrayNode batches = client.object().arrayNode();
            for (Item item : items.subList(from, Math.min(items.size(), from + ITEMS_PER_UPSERT))) {
                batches.addObject().putArray("objects").add(itemObject(item));
            }
            ObjectNode body = client.object();
            body.put("idempotency_key", PosClient.idempotencyKey(UPSERT_PATH, batches));
            body.set("batches", batches);
            for (JsonNode object : client.post(UPSERT_PATH, body).path("objects")) {
                object.path("item_data").path("variations").forEach(v ->
                        ids.put(v.path("item_variation_data").path("sku").asText(), v.path("id").asText()));
            }
        }
        return ids;
    }

    /** Variation ids of these SKUs; SKUs the POS does not know are absent. */
    public Map<String, String> variationIdsBySku(Collection<String> skus) {
        List<String> all = List.copyOf(skus);
        Map<String, String> ids = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += SKUS_PER_SEARCH) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + SKUS_PER_SEARCH));
            String cursor = null;
            do {
                ObjectNode body = client.object();
                body.putArray("object_types").add("ITEM_VARIATION");
                ObjectNode set = body.putObject("query").putObject("set_query").put("attribute_name", "sku");
                chunk.forEach(set.putArray("attribute_values")::add);
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                JsonNode page = client.post(SEARCH_PATH, body);
                for (JsonNode object : page.path("objects")) {
                    String sku = object.path("item_variation_data").path("sku").asText(null);
                    chunk.stream().filter(s -> s.equalsIgnoreCase(sku)).findFirst()
                            .ifPresent(s -> ids.put(s, object.path("id").asText()));
                }
                cursor = page.path("cursor").asText(null);
            } while (cursor != null && !cursor.isEmpty());
        }
        return ids;
    }

    /** SKUs of these variation ids; ids that are unknown, not variations or without a SKU are absent. */
    public Map<String, String> skusByVariationId(Collection<String> variationIds) {
        List<String> all = List.copyOf(variationIds);
        Map<String, String> skus = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += IDS_PER_RETRIEVE) {
            ObjectNode body = client.object();
            all.subList(from, Math.min(all.size(), from + IDS_PER_RETRIEVE)).forEach(body.putArray("object_ids")::add);
            for (JsonNode object : client.post(RETRIEVE_PATH, body).path("objects")) {
                String sku = object.path("item_variation_data").path("sku").asText("");
                if ("ITEM_VARIATION".equals(object.path("type").asText()) && !sku.isEmpty()) {
                    skus.put(object.path("id").asText(), sku);
                }
            }
        }
        return skus;
    }

    private ObjectNode itemObject(Item item) {
        String itemId = item.itemId() != null ? item.itemId() : "#item-" + item.variations().get(0).sku();
        ObjectNode object = client.object().put("type", "ITEM").put("id", itemId);
        ObjectNode data = object.putObject("item_data").put("name", item.name());
        ArrayNode variations = data.putArray("variations");
        for (Variation v : item.variations()) {
            ObjectNode variation = variations.addObject().put("type", "ITEM_VARIATION")
                    .put("id", v.variationId() != null ? v.variationId() : "#variation-" + v.sku());
            ObjectNode vd = variation.putObject("item_variation_data").put("item_id", itemId)
                    .put("name", v.name() != null ? v.name() : item.name()).put("sku", v.sku())
                    .put("pricing_type", "FIXED_PRICING").put("track_inventory", true);
            vd.set("price_money", PosMoney.of(v.price(), v.currency()));
        }
        return object;
    }
}
