package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.poll.ChannelOrderSource;
import java.time.Instant;
import java.util.stream.Stream;

/** eBay orders for the channel order poller: Fulfillment getOrders filtered by lastmodifieddate. */
public class EbayOrderSource implements ChannelOrderSource {

    private final EbayFulfillment fulfillment;

    public EbayOrderSource(EbayFulfillment fulfillment) {
        this.fulfillment = fulfillment;
    }

    @Override
    public String channel() {
        return "ebay";
    }

    @Override
    public Stream<JsonNode> changedSince(Instant since) {
        return fulfillment.getOrders(since);
    }

    @Override
    public String changedAt(JsonNode order) {
        return Instant.parse(order.path("lastModifiedDate").asText()).toString();
    }

    @Override
    public String orderId(JsonNode order) {
        return order.path("orderId").asText();
    }

    @Override
    public JsonNode mappingInput(JsonNode order) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("order", order);
        return input;
    }

    @Override
    public String mapping() {
        return "orders/order-ebay-to-canonical.jsonata";
    }
}
