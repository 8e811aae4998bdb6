package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders and locations of the POS: {@code POST /v2/orders/batch-retrieve} (at most {@value #IDS_PER_RETRIEVE} ids a
 * call) and {@code GET /v2/locations}. Orders are returned as Square's JSON; they may hold customer data and must
 * not be logged.
 */
public class PosOrders {

    static final String RETRIEVE_PATH = "/v2/orders/batch-retrieve";
    static final String LOCATIONS_PATH = "/v2/locations";
    static final int IDS_PER_RETRIEVE = 100;

    private final PosClient client;

    public PosOrders(PosClient client) {
        this.client = client;
    }

    /** The orders with these ids at a location (null: any location); ids the POS does not know are absent. */
    public List<JsonNode> retrieve(String locationId, List<String> orderIds) {
        List<JsonNode> orders = new ArrayList<>();
        for (int from = 0; from < orderIds.size(); from += IDS_PER_RETRIEVE) {
            ObjectNode body = client.object();
            if (locationId != null) {
                body.put("location_id", locationId);
            }
            orderIds.subList(from, Math.min(orderIds.size(), from + IDS_PER_RETRIEVE)).forEach(body.putArray("order_ids")::add);
            client.post(RETRIEVE_PATH, body).path("orders").forEach(orders::add);
        }
        return orders;
    }

    /** The seller's locations (id, name, currency, status, ...). */
    public List<JsonNode> locations() {
        List<JsonNode> locations = new ArrayList<>();
        client.get(LOCATIONS_PATH).path("locations").forEach(locations::add);
        return locations;
    }
}
