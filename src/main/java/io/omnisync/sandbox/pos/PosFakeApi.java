package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Square v2 operations the fake serves, on its books. Writes honour {@code idempotency_key}: the same key with
 * the same body answers the first answer again without a second effect; with another body it is refused
 * (IDEMPOTENCY_KEY_REUSED). Lists page with an opaque {@code cursor}. Called under the fake's lock.
 */
final class PosFakeApi {

    private record Stored(JsonNode request, ObjectNode response) {
    }

    private final PosCatalogBook catalog;
    private final PosInventoryBook inventory;
    private final PosOrderBook orders;
    private final int countsPageSize;
    private final Supplier<String> now;
    private final Map<String, Stored> idempotency = new HashMap<>();

    PosFakeApi(PosCatalogBook catalog, PosInventoryBook inventory, PosOrderBook orders, int countsPageSize, Supplier<String> now) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.orders = orders;
        this.countsPageSize = countsPageSize;
        this.now = now;
    }

    ObjectNode handle(String method, String path, JsonNode body) {
        String route = method + " " + path;
        return switch (route) {
            case "GET /v2/locations" -> list("locations", new ArrayList<>(catalog.locations()));
            case "POST /v2/inventory/changes/batch-create" -> idempotent(path, body, () -> {
                ObjectNode answer = JsonHttp.nodes().objectNode();
                answer.putArray("counts").addAll(inventory.apply(body.path("changes"), now.get()));
                return answer;
            });
            case "POST /v2/inventory/counts/batch-retrieve" -> page("counts",
                    inventory.counts(strings(body.path("catalog_object_ids")), strings(body.path("location_ids"))),
                    body, countsPageSize);
            case "POST /v2/catalog/batch-upsert" -> idempotent(path, body, () -> upsert(body));
            case "POST /v2/catalog/search" -> page("objects", search(body), body, 100);
            case "POST /v2/catalog/batch-retrieve" -> list("objects", strings(body.path("object_ids")).stream()
                    .map(catalog::object).flatMap(java.util.Optional::stream).map(o -> (JsonNode) o.deepCopy()).toList());
            case "POST /v2/orders/batch-retrieve" -> list("orders", orders.retrieve(strings(body.path("order_ids")),
                    body.path("location_id").asText(null)).stream().map(o -> (JsonNode) o.deepCopy()).toList());
            default -> throw PosFakeError.notFound("No API route for " + route + ".");
        };
    }

    private ObjectNode idempotent(String path, JsonNode body, Supplier<ObjectNode> effect) {
        String key = path + "|" + body.path("idempotency_key").asText();
        Stored stored = idempotency.get(key);
        if (stored != null) {
            if (!stored.request().equals(body)) {
                throw PosFakeError.invalid("IDEMPOTENCY_KEY_REUSED", "The idempotency key was already used for a "
                        + "different request.", "idempotency_key");
            }
            return stored.response().deepCopy();
        }
        ObjectNode response = effect.get();
        idempotency.put(key, new Stored(body.deepCopy(), response.deepCopy()));
        return response;
    }

    private ObjectNode upsert(JsonNode body) {
        ObjectNode answer = JsonHttp.nodes().objectNode();
        ArrayNode objects = answer.putArray("objects");
        ArrayNode mappings = JsonHttp.nodes().arrayNode();
        JsonNode batches = body.path("batches");
        for (int b = 0; b < batches.size(); b++) {
            catalog.upsertBatch(batches.get(b).path("objects"), "batches[" + b + "].objects", now.get(), mappings)
                    .forEach(o -> objects.add(o.deepCopy()));
        }
        answer.put("updated_at", now.get());
        answer.set("id_mappings", mappings);
        return answer;
    }

    /** ITEM_VARIATION objects matching an exact query (case-insensitive, partial, as documented) or a set query on sku. */
    private List<JsonNode> search(JsonNode body) {
        List<String> types = strings(body.path("object_types"));
        if (!types.isEmpty() && !types.contains("ITEM_VARIATION")) {
            return List.of();
        }
        JsonNode exact = body.path("query").path("exact_query");
        JsonNode set = body.path("query").path("set_query");
        List<JsonNode> found = new ArrayList<>();
        for (ObjectNode variation : catalog.variations()) {
            String sku = variation.path("item_variation_data").path("sku").asText().toLowerCase(Locale.ROOT);
            boolean match = true;
            if (!exact.isMissingNode()) {
                match = "sku".equals(exact.path("attribute_name").asText())
                        && sku.contains(exact.path("attribute_value").asText().toLowerCase(Locale.ROOT));
            } else if (!set.isMissingNode()) {
                match = "sku".equals(set.path("attribute_name").asText()) && strings(set.path("attribute_values")).stream()
                        .anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(sku));
            }
            if (match) {
                found.add(variation.deepCopy());
            }
        }
        return found;
    }

    private static ObjectNode page(String field, List<? extends JsonNode> all, JsonNode body, int defaultLimit) {
        int limit = body.path("limit").asInt(defaultLimit);
        int from = 0;
        String cursor = body.path("cursor").asText("");
        if (!cursor.isEmpty()) {
            try {
                from = Integer.parseInt(cursor.substring(cursor.indexOf('-') + 1));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw PosFakeError.invalid("INVALID_CURSOR", "The cursor is not valid.", "cursor");
            }
        }
        int to = Math.min(all.size(), from + limit);
        ObjectNode answer = list(field, all.subList(Math.min(from, all.size()), to));
        if (to < all.size()) {
            answer.put("cursor", "page-" + to);
        }
        return answer;
    }

    private static ObjectNode list(String field, List<? extends JsonNode> values) {
        ObjectNode answer = JsonHttp.nodes().objectNode();
        answer.putArray(field).addAll(new ArrayList<JsonNode>(values));
        return answer;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
