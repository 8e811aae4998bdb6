package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.poll.ChannelOrderSource;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

/** Amazon orders for the channel order poller: getOrders by LastUpdatedAfter, with getOrderItems for the lines. */
public class AmazonOrderSource implements ChannelOrderSource {

    /** Statuses whose order carries no lines worth reading (getOrderItems is the scarcest usage plan). */
    private static final Set<String> WITHOUT_LINES = Set.of("Pending", "Canceled");

    private final AmazonOrders orders;

    public AmazonOrderSource(AmazonOrders orders) {
        this.orders = orders;
    }

    @Override
    public String channel() {
        return "amazon";
    }

    @Override
    public Stream<JsonNode> changedSince(Instant since) {
        return orders.updatedSince(since);
    }

    @Override
    public String changedAt(JsonNode order) {
        return order.path("LastUpdateDate").asText();
    }

    @Override
    public String orderId(JsonNode order) {
        return order.path("AmazonOrderId").asText();
    }

    @Override
    public JsonNode mappingInput(JsonNode order) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("order", order);
        var items = input.putArray("items");
        if (!WITHOUT_LINES.contains(order.path("OrderStatus").asText())) {
            orders.items(orderId(order)).forEach(items::add);
        }
        return input;
    }

    @Override
    public String mapping() {
        return "orders/order-amazon-to-canonical.jsonata";
    }
}
