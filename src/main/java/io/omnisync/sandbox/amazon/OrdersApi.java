package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders API v0: getOrders (LastUpdatedAfter or CreatedAfter, statuses, pages with an opaque NextToken that
 * carries the filter, so a NextToken request needs only MarketplaceIds), getOrderItems (paged) and
 * confirmShipment (Unshipped or PartiallyShipped orders; all items shipped makes the order Shipped).
 */
final class OrdersApi {

    private static final String ORDERS = "/orders/v0/orders";

    private final Map<String, FakeOrder> orders;
    private final Clock clock;
    private final int itemsPageSize;

    OrdersApi(Map<String, FakeOrder> orders, Clock clock, int itemsPageSize) {
        this.orders = orders;
        this.clock = clock;
        this.itemsPageSize = itemsPageSize;
    }

    void register(FakeRoutes routes) {
        routes.add("GET", ORDERS, "getOrders", this::getOrders);
        routes.add("GET", ORDERS + "/{orderId}/orderItems", "getOrderItems", this::getOrderItems);
        routes.add("POST", ORDERS + "/{orderId}/shipmentConfirmation", "confirmShipment", this::confirmShipment);
    }

    private FakeRoutes.Reply getOrders(FakeRoutes.Request request) {
        JsonNode filter = request.first("NextToken") != null ? decode(request.first("NextToken")) : newFilter(request);
        Set<String> marketplaces = Set.copyOf(request.list("MarketplaceIds"));
        String field = filter.path("field").asText();
        Instant after = Instant.parse(filter.path("after").asText());
        Instant before = Instant.parse(filter.path("before").asText());
        Set<String> statuses = Set.copyOf(JsonHttp.MAPPER.convertValue(filter.path("statuses"), List.class));
        List<FakeOrder> matching = orders.values().stream().filter(o -> marketplaces.contains(o.marketplaceId))
                .filter(o -> statuses.isEmpty() || statuses.contains(o.status.name()))
                .filter(o -> {
                    Instant at = "created".equals(field) ? o.purchaseDate : o.lastUpdateDate;
                    return !at.isBefore(after) && !at.isAfter(before);
                })
                .sorted(Comparator.comparing((FakeOrder o) -> o.lastUpdateDate).thenComparing(o -> o.amazonOrderId)).toList();
        int offset = filter.path("offset").asInt();
        int size = filter.path("size").asInt();
        ObjectNode payload = JsonHttp.nodes().objectNode();
        ArrayNode page = payload.putArray("Orders");
        matching.stream().skip(offset).limit(size).forEach(o -> page.add(o.toJson()));
        if (offset + size < matching.size()) {
            payload.put("NextToken", encode(((ObjectNode) filter.deepCopy()).put("offset", offset + size)));
        }
        payload.put("created".equals(field) ? "CreatedBefore" : "LastUpdatedBefore", FakeOrder.iso(before));
        return FakeRoutes.Reply.ok(JsonHttp.nodes().objectNode().set("payload", payload));
    }

    private JsonNode newFilter(FakeRoutes.Request request) {
        String created = request.first("CreatedAfter");
        String updated = request.first("LastUpdatedAfter");
        if ((created == null) == (updated == null)) {
            throw SpApiError.invalidInput("Exactly one of CreatedAfter and LastUpdatedAfter must be given.", null);
        }
        ObjectNode filter = JsonHttp.nodes().objectNode().put("field", created != null ? "created" : "updated")
                .put("after", instant(created != null ? created : updated, created != null ? "CreatedAfter" : "LastUpdatedAfter").toString())
                .put("before", clock.instant().toString()).put("offset", 0)
                .put("size", request.first("MaxResultsPerPage") == null ? 100 : Integer.parseInt(request.first("MaxResultsPerPage")));
        if (filter.path("size").asInt() < 1 || filter.path("size").asInt() > 100) {
            throw SpApiError.invalidInput("MaxResultsPerPage must be between 1 and 100.", "MaxResultsPerPage");
        }
        ArrayNode statuses = filter.putArray("statuses");
        request.list("OrderStatuses").forEach(statuses::add);
        return filter;
    }

    private FakeRoutes.Reply getOrderItems(FakeRoutes.Request request) {
        FakeOrder order = find(request.param("orderId"));
        int offset = request.first("NextToken") == null ? 0 : decode(request.first("NextToken")).path("offset").asInt();
        ObjectNode payload = JsonHttp.nodes().objectNode().put("AmazonOrderId", order.amazonOrderId);
        ArrayNode items = payload.putArray("OrderItems");
        order.items.stream().skip(offset).limit(itemsPageSize).forEach(i -> items.add(order.itemJson(i)));
        if (offset + itemsPageSize < order.items.size()) {
            payload.put("NextToken", encode(JsonHttp.nodes().objectNode().put("order", order.amazonOrderId)
                    .put("offset", offset + itemsPageSize)));
        }
        return FakeRoutes.Reply.ok(JsonHttp.nodes().objectNode().set("payload", payload));
    }

    private FakeRoutes.Reply confirmShipment(FakeRoutes.Request request) {
        FakeOrder order = find(request.param("orderId"));
        JsonNode body = request.body();
        JsonNode detail = body.path("packageDetail");
        synchronized (order) {
            if (order.status != FakeOrder.Status.Unshipped && order.status != FakeOrder.Status.PartiallyShipped) {
                throw SpApiError.invalidInput("The order " + order.amazonOrderId + " is " + order.status
                        + "; only Unshipped or PartiallyShipped orders can be confirmed.", null);
            }
            if (!order.marketplaceId.equals(body.path("marketplaceId").asText())) {
                throw SpApiError.invalidInput("marketplaceId does not match the order's marketplace.", "marketplaceId");
            }
            if ("Other".equalsIgnoreCase(detail.path("carrierCode").asText()) && detail.path("carrierName").asText("").isBlank()) {
                throw SpApiError.invalidInput("carrierName is required when carrierCode is Other.", "packageDetail.carrierName");
            }
            for (JsonNode line : detail.path("orderItems")) {
                FakeOrder.Item item = order.items.stream().filter(i -> i.orderItemId.equals(line.path("orderItemId").asText()))
                        .findFirst().orElseThrow(() -> SpApiError.invalidInput("Unknown orderItemId "
                                + line.path("orderItemId").asText() + ".", "packageDetail.orderItems"));
                if (line.path("quantity").asInt() > item.quantity - item.shipped) {
                    throw SpApiError.invalidInput("quantity of " + item.orderItemId + " exceeds the units not yet shipped.",
                            "packageDetail.orderItems.quantity");
                }
            }
            detail.path("orderItems").forEach(line -> order.items.stream()
                    .filter(i -> i.orderItemId.equals(line.path("orderItemId").asText()))
                    .forEach(i -> i.shipped += line.path("quantity").asInt()));
            order.packages.add(new FakeOrder.ShippedPackage(detail.path("packageReferenceId").asText(),
                    detail.path("carrierCode").asText(), detail.path("trackingNumber").asText(), detail.path("shipDate").asText()));
            boolean all = order.items.stream().allMatch(i -> i.shipped >= i.quantity);
            order.status = all ? FakeOrder.Status.Shipped : FakeOrder.Status.PartiallyShipped;
            order.lastUpdateDate = clock.instant();
        }
        return new FakeRoutes.Reply(204, null);
    }

    private FakeOrder find(String orderId) {
        FakeOrder order = orders.get(orderId);
        if (order == null) {
            throw SpApiError.notFound("Order " + orderId + " was not found.");
        }
        return order;
    }

    private static Instant instant(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw SpApiError.invalidInput(name + " must be an ISO 8601 date-time, e.g. 2025-03-10T09:00:00Z.", name);
        }
    }

    private static String encode(JsonNode state) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(state.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decode(String token) {
        try {
            return JsonHttp.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw SpApiError.invalidInput("Invalid NextToken.", "NextToken");
        }
    }

    static Map<String, FakeOrder> newStore() {
        return new ConcurrentHashMap<>();
    }
}
