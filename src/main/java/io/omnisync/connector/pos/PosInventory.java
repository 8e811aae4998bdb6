package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Inventory of catalog variations per location. Absolute counts are written as {@code PHYSICAL_COUNT} (Magento is
 * the truth), deltas as {@code ADJUSTMENT}; at most {@value #MAX_CHANGES} changes go in one
 * {@code POST /v2/inventory/changes/batch-create}, each call with an idempotency key derived from its changes, so a
 * retried call has one effect. Counts are read with {@code POST /v2/inventory/counts/batch-retrieve}, following
 * the cursor.
 */
public class PosInventory {

    /** Square accepts at most 100 changes per batch-create. */
    public static final int MAX_CHANGES = 100;
    static final String CHANGES_PATH = "/v2/inventory/changes/batch-create";
    static final String COUNTS_PATH = "/v2/inventory/counts/batch-retrieve";

    /**
     * An absolute count of a variation in stock at a location.
     *
     * @param occurredAt when the count was true (e.g. the Magento stock version's time): part of the idempotency key,
     *                   so it must come from the data, not from the clock of the call
     */
    public record Count(String variationId, String locationId, BigDecimal quantity, Instant occurredAt) {
        public Count {
            Objects.requireNonNull(variationId, "variationId");
            Objects.requireNonNull(locationId, "locationId");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }

    /** A move of {@code quantity} units between two inventory states, e.g. NONE to IN_STOCK (received) or IN_STOCK to WASTE. */
    public record Adjustment(String variationId, String locationId, String fromState, String toState,
                             BigDecimal quantity, Instant occurredAt, String referenceId) {
        public Adjustment {
            Objects.requireNonNull(variationId, "variationId");
            Objects.requireNonNull(locationId, "locationId");
            Objects.requireNonNull(fromState, "fromState");
            Objects.requireNonNull(toState, "toState");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }

    /** A count as the POS reports it. */
    public record Counted(String variationId, String locationId, String state, BigDecimal quantity, Instant calculatedAt) {
    }

    private final PosClient client;

    public PosInventory(PosClient client) {
        this.client = client;
    }

    /** Sets absolute in-stock counts; answers the counts the POS holds afterwards. */
    public List<Counted> setCounts(List<Count> counts) {
        List<ObjectNode> changes = new ArrayList<>();
        for (Count c : counts) {
            ObjectNode change = client.object().put("type", "PHYSICAL_COUNT");
            change.putObject("physical_count").put("catalog_object_id", c.variationId()).put("state", "IN_STOCK")
                    .put("location_id", c.locationId()).put("quantity", decimal(c.quantity()))
                    .put("occurred_at", c.occurredAt().toString());
            changes.add(change);
        }
        return change(changes);
    }

    /** Applies relative adjustments; answers the counts the POS holds afterwards. */
    public List<Counted> adjust(List<Adjustment> adjustments) {
        List<ObjectNode> changes = new ArrayList<>();
        for (Adjustment a : adjustments) {
            ObjectNode change = client.object().put("type", "ADJUSTMENT");
            ObjectNode adjustment = change.putObject("adjustment").put("catalog_object_id", a.variationId())
                    .put("location_id", a.locationId()).put("from_state", a.fromState()).put("to_state", a.toState())
                    .put("quantity", decimal(a.quantity())).put("occurred_at", a.occurredAt().toString());
            if (a.referenceId() != null) {
                adjustment.put("reference_id", a.referenceId());
            }
            changes.add(change);
        }
        return change(changes);
    }

    /** Reads the counts of these variations at these locations (either may be empty: all), every page. */
    public List<Counted> counts(Collection<String> variationIds, Collection<String> locationIds) {
        List<Counted> counts = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode body = client.object();
            if (!variationIds.isEmpty()) {
                variationIds.forEach(body.putArray("catalog_object_ids")::add);
            }
            if (!locationIds.isEmpty()) {
                locationIds.forEach(body.putArray("location_ids")::add);
            }
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            JsonNode page = client.post(COUNTS_PATH, body);
            page.path("counts").forEach(c -> counts.add(counted(c)));
            cursor = page.path("cursor").asText(null);
        } while (cursor != null && !cursor.isEmpty());
        return counts;
    }

    private List<Counted> change(List<ObjectNode> changes) {
        List<Counted> after = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += MAX_CHANGES) {
            ArrayNode chunk = client.object().arrayNode();
            changes.subList(from, Math.min(changes.size(), from + MAX_CHANGES)).forEach(chunk::add);
            ObjectNode body = client.object();
            body.put("idempotency_key", PosClient.idempotencyKey(CHANGES_PATH, chunk));
            body.set("changes", chunk);
            body.put("ignore_unchanged_counts", true);
            client.post(CHANGES_PATH, body).path("counts").forEach(c -> after.add(counted(c)));
        }
        return after;
    }

    private static Counted counted(JsonNode c) {
        String calculated = c.path("calculated_at").asText(null);
        return new Counted(c.path("catalog_object_id").asText(), c.path("location_id").asText(), c.path("state").asText(),
                new BigDecimal(c.path("quantity").asText("0")), calculated == null ? null : Instant.parse(calculated));
    }

    private static String decimal(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }
}
