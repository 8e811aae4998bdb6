package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.ebay.EbayRoutes.Reply;
import io.omnisync.sandbox.ebay.EbayRoutes.Request;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Fulfillment API's orders: getOrders with {@code filter} ({@code creationdate:[from..to]},
 * {@code lastmodifieddate:[from..]}, {@code orderfulfillmentstatus:{A|B}}), {@code orderIds}, {@code limit} (50,
 * at most 200) and {@code offset}, sorted by creation date; getOrder; shipping fulfillments and refunds through
 * {@link EbayOrderChanges}. 30800/30810 for filter and paging errors are the fake's choice of error ids.
 */
final class EbayFulfillmentApi {

    static final String DOMAIN = "API_FULFILLMENT";
    private static final Pattern RANGE = Pattern.compile("(creationdate|lastmodifieddate):\\[(.*?)\\.\\.([^\\]]*)]");
    private static final Pattern STATUS = Pattern.compile("orderfulfillmentstatus:\\{([A-Z_|]+)}");

    private final EbayOrders orders;
    private final EbayOrderChanges changes;

    EbayFulfillmentApi(EbayOrders orders, EbayOrderChanges changes) {
        this.orders = orders;
        this.changes = changes;
    }

    void register(EbayRoutes routes) {
        routes.add("GET", "/order", this::search)
                .add("GET", "/order/{orderId}", r -> Reply.ok(order(r.param("orderId"))))
                .add("GET", "/order/{orderId}/shipping_fulfillment", this::fulfillments)
                .add("POST", "/order/{orderId}/shipping_fulfillment", r -> changes.ship(r.param("orderId"), r.body()))
                .add("GET", "/order/{orderId}/shipping_fulfillment/{fulfillmentId}", this::fulfillment)
                .add("POST", "/order/{order_id}/issue_refund", r -> changes.refund(r.param("order_id"), r.body()));
    }

    private ObjectNode order(String orderId) {
        return orders.order(orderId).orElseThrow(() -> EbayFakeError.notFound(DOMAIN, "Order not found."));
    }

    private Reply search(Request r) {
        int limit = number(r.query("limit", "50"), "limit");
        int offset = number(r.query("offset", "0"), "offset");
        if (limit < 1 || limit > 200 || offset < 0) {
            throw EbayFakeError.badRequest(30810, DOMAIN, "Invalid limit or offset: limit must be 1 to 200.",
                    "limit", String.valueOf(limit), "offset", String.valueOf(offset));
        }
        String orderIds = r.query("orderIds", null);
        Predicate<JsonNode> wanted = orderIds != null
                ? o -> Set.of(orderIds.split(",")).contains(o.path("orderId").asText())
                : filter(r.query("filter", ""));
        List<ObjectNode> found = orders.all().stream().filter(wanted)
                .sorted(Comparator.comparing((ObjectNode o) -> o.path("creationDate").asText())
                        .thenComparing(o -> o.path("orderId").asText()))
                .toList();
        ObjectNode page = JsonNodeFactory.instance.objectNode().put("href", href(r, limit, offset))
                .put("total", found.size()).put("limit", limit).put("offset", offset);
        if (offset + limit < found.size()) {
            page.put("next", href(r, limit, offset + limit));
        }
        ArrayNode list = page.putArray("orders");
        found.stream().skip(offset).limit(limit).forEach(list::add);
        return Reply.ok(page);
    }

    /** The filter's criteria, all of which an order must meet; creationdate wins over lastmodifieddate, as on eBay. */
    private static Predicate<JsonNode> filter(String filter) {
        Predicate<JsonNode> all = o -> true;
        String dateField = filter.contains("creationdate:") ? "creationdate" : "lastmodifieddate";
        for (String criterion : filter.isBlank() ? new String[0] : filter.split(",(?![^\\[{]*[\\]}])")) {
            Matcher range = RANGE.matcher(criterion.trim());
            Matcher status = STATUS.matcher(criterion.trim());
            if (range.matches()) {
                if (!range.group(1).equals(dateField)) {
                    continue;
                }
                String field = dateField.equals("creationdate") ? "creationDate" : "lastModifiedDate";
                Instant from = instant(range.group(2), criterion);
                Instant to = range.group(3).isEmpty() ? null : instant(range.group(3), criterion);
                all = all.and(o -> {
                    Instant at = Instant.parse(o.path(field).asText());
                    return !at.isBefore(from) && (to == null || !at.isAfter(to));
                });
            } else if (status.matches()) {
                Set<String> statuses = Set.copyOf(Arrays.asList(status.group(1).split("\\|")));
                all = all.and(o -> statuses.contains(o.path("orderFulfillmentStatus").asText()));
            } else {
                throw EbayFakeError.badRequest(30800, DOMAIN, "Invalid filter: " + criterion.trim(), "filter", criterion.trim());
            }
        }
        return all;
    }

    private static Instant instant(String text, String criterion) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw EbayFakeError.badRequest(30800, DOMAIN, "Invalid date in filter: " + text, "filter", criterion.trim());
        }
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw EbayFakeError.badRequest(30810, DOMAIN, "Invalid value for " + name + ".", name, text);
        }
    }

    private static String href(Request r, int limit, int offset) {
        String filter = r.query("filter", null);
        return "/sell/fulfillment/v1/order?" + (filter == null ? "" : "filter=" + java.net.URLEncoder.encode(filter,
                java.nio.charset.StandardCharsets.UTF_8) + "&") + "limit=" + limit + "&offset=" + offset;
    }

    private Reply fulfillments(Request r) {
        order(r.param("orderId"));
        List<ObjectNode> list = orders.fulfillments(r.param("orderId"));
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("total", list.size());
        answer.putArray("fulfillments").addAll(list);
        return Reply.ok(answer);
    }

    private Reply fulfillment(Request r) {
        return orders.fulfillments(r.param("orderId")).stream()
                .filter(f -> f.path("fulfillmentId").asText().equals(r.param("fulfillmentId"))).findFirst()
                .map(Reply::ok).orElseThrow(() -> EbayFakeError.notFound(DOMAIN, "Fulfillment not found."));
    }
}
