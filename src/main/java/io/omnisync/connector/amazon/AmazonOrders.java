package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Orders API v0: orders changed since a high-water mark, their items, and shipment confirmation. Orders and items
 * are returned as Amazon's JSON (Order, OrderItem) for the JSONata mappings; buyer data in them is personal and
 * must not be logged.
 */
public class AmazonOrders {

    private static final String PATH = "/orders/v0/orders";

    private final AmazonClient client;

    public AmazonOrders(AmazonClient client) {
        this.client = client;
    }

    /** getOrders of the configured marketplaces with {@code LastUpdatedAfter}, page by page as the stream is read. */
    public Stream<JsonNode> updatedSince(Instant lastUpdatedAfter) {
        return updatedSince(lastUpdatedAfter, client.properties().getMarketplaces());
    }

    /**
     * getOrders with {@code LastUpdatedAfter} (inclusive) in these marketplaces, following {@code NextToken};
     * the next page is fetched only when the stream reaches it. A NextToken request repeats only
     * {@code MarketplaceIds}, as Amazon asks.
     */
    public Stream<JsonNode> updatedSince(Instant lastUpdatedAfter, List<String> marketplaceIds) {
        String marketplaces = String.join(",", marketplaceIds);
        Map<String, String> first = new LinkedHashMap<>();
        first.put("MarketplaceIds", marketplaces);
        first.put("LastUpdatedAfter", DateTimeFormatter.ISO_INSTANT.format(lastUpdatedAfter.truncatedTo(ChronoUnit.SECONDS)));
        first.put("MaxResultsPerPage", String.valueOf(client.properties().getOrdersPageSize()));
        Pages pages = new Pages(SpApiOperation.GET_ORDERS, PATH, first, "Orders",
                token -> Map.of("MarketplaceIds", marketplaces, "NextToken", token));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** getOrderItems: every item of one order, all pages. */
    public List<JsonNode> items(String amazonOrderId) {
        String path = PATH + "/" + AmazonClient.segment(amazonOrderId) + "/orderItems";
        List<JsonNode> items = new ArrayList<>();
        new Pages(SpApiOperation.GET_ORDER_ITEMS, path, Map.of(), "OrderItems", token -> Map.of("NextToken", token))
                .forEachRemaining(items::add);
        return items;
    }

    /** confirmShipment: tells Amazon a package of a merchant-fulfilled order shipped (Amazon answers 204). */
    public void confirmShipment(String amazonOrderId, ShipmentConfirmation shipment) {
        ObjectNode body = client.mapper().createObjectNode().put("marketplaceId", shipment.marketplaceId());
        ObjectNode detail = body.putObject("packageDetail")
                .put("packageReferenceId", shipment.packageReferenceId())
                .put("carrierCode", shipment.carrierCode())
                .put("trackingNumber", shipment.trackingNumber())
                .put("shipDate", DateTimeFormatter.ISO_INSTANT.format(shipment.shipDate().truncatedTo(ChronoUnit.SECONDS)));
        if (shipment.carrierName() != null) {
            detail.put("carrierName", shipment.carrierName());
        }
        if (shipment.shippingMethod() != null) {
            detail.put("shippingMethod", shipment.shippingMethod());
        }
        ArrayNode items = detail.putArray("orderItems");
        shipment.items().forEach(i -> items.addObject().put("orderItemId", i.orderItemId()).put("quantity", i.quantity()));
        client.call(SpApiOperation.CONFIRM_SHIPMENT, "POST", PATH + "/" + AmazonClient.segment(amazonOrderId)
                + "/shipmentConfirmation", Map.of(), body);
    }

    /** Reads payload.{field}[] page by page, asking for the next page with payload.NextToken. */
    private final class Pages implements Iterator<JsonNode> {

        private final SpApiOperation operation;
        private final String path;
        private final java.util.function.Function<String, Map<String, String>> next;
        private final String field;
        private Map<String, String> query;
        private Iterator<JsonNode> page = java.util.Collections.emptyIterator();

        Pages(SpApiOperation operation, String path, Map<String, String> first, String field,
              java.util.function.Function<String, Map<String, String>> next) {
            this.operation = operation;
            this.path = path;
            this.query = first;
            this.field = field;
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && query != null) {
                JsonNode payload = client.call(operation, "GET", path, query, null).path("payload");
                page = payload.path(field).iterator();
                String token = payload.path("NextToken").asText("");
                query = token.isEmpty() ? null : next.apply(token);
            }
            return page.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }
}
