package io.omnisync.connector.ebay;

import static io.omnisync.connector.ebay.EbayRequest.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The Sell Fulfillment API: orders, shipping fulfillments and refunds. */
public class EbayFulfillment {

    /** eBay's timestamp format in filters: ISO 8601 in UTC with milliseconds. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final EbayClient client;

    public EbayFulfillment(EbayClient client) {
        this.client = client;
    }

    /**
     * Orders modified at or after {@code since} ({@code filter=lastmodifieddate:[since..]}), read lazily page by page
     * ({@code order-page-size}, offset paging) as the stream is consumed. An order modified while the pages are read
     * can move between pages; poll with an overlapping window and let the journal drop repeats.
     */
    public Stream<JsonNode> getOrders(Instant since) {
        String filter = "lastmodifieddate:[" + TIMESTAMP.format(since) + "..]";
        return StreamSupport.stream(new Pages(filter, client.properties().getOrderPageSize()), false);
    }

    /** One order, or empty when eBay has none with this id. */
    public Optional<JsonNode> getOrder(String orderId) {
        try {
            return Optional.of(client.call(EbayRequest.get(EbayApi.FULFILLMENT, "/order/" + encode(orderId))));
        } catch (IntegrationException e) {
            if (e.errorClass() == ErrorClass.MISSING) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Tells eBay that line items shipped (all or part of their quantity) and returns the fulfillment id from the
     * Location header. Not repeated after a 5xx or timeout: read the order's fulfillments before sending it again.
     */
    public String createShippingFulfillment(String orderId, EbayShipment shipment) {
        ObjectNode body = client.mapper().createObjectNode();
        var lines = body.putArray("lineItems");
        shipment.lines().forEach(l -> lines.addObject().put("lineItemId", l.lineItemId()).put("quantity", l.quantity()));
        body.put("shippedDate", TIMESTAMP.format(shipment.shippedDate()))
                .put("shippingCarrierCode", shipment.carrierCode())
                .put("trackingNumber", shipment.trackingNumber());
        EbayResponse response = client.send(EbayRequest.post(EbayApi.FULFILLMENT,
                "/order/" + encode(orderId) + "/shipping_fulfillment", body));
        return response.createdId().orElseThrow(() -> new IntegrationException(ErrorClass.PARSE,
                "eBay created a shipping fulfillment for order " + orderId + " without a Location header"));
    }

    /** Issues a refund to the buyer; not repeated after a 5xx or timeout (read the order's refunds first). */
    public EbayRefund.Result issueRefund(String orderId, EbayRefund refund) {
        ObjectNode body = client.mapper().createObjectNode().put("reasonForRefund", refund.reason());
        if (refund.comment() != null) {
            body.put("comment", refund.comment());
        }
        if (refund.orderAmount() != null) {
            body.putObject("orderLevelRefundAmount").put("value", refund.orderAmount().toPlainString())
                    .put("currency", refund.currency());
        } else {
            var items = body.putArray("refundItems");
            refund.lines().forEach(l -> items.addObject().put("lineItemId", l.lineItemId()).putObject("refundAmount")
                    .put("value", l.amount().toPlainString()).put("currency", refund.currency()));
        }
        JsonNode answer = client.call(EbayRequest.post(EbayApi.FULFILLMENT, "/order/" + encode(orderId) + "/issue_refund", body));
        return new EbayRefund.Result(answer.path("refundId").asText(null), answer.path("refundStatus").asText(null));
    }

    /** Offset paging over getOrders; the next page is fetched only when the current one is used up. */
    private final class Pages extends Spliterators.AbstractSpliterator<JsonNode> {

        private final String filter;
        private final int limit;
        private int offset;
        private Integer total;
        private java.util.Iterator<JsonNode> page = java.util.Collections.emptyIterator();

        Pages(String filter, int limit) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.filter = filter;
            this.limit = limit;
        }

        @Override
        public boolean tryAdvance(Consumer<? super JsonNode> action) {
            if (!page.hasNext() && (total == null || offset < total)) {
                JsonNode answer = client.call(EbayRequest.get(EbayApi.FULFILLMENT, "/order?filter=" + encode(filter)
                        + "&limit=" + limit + "&offset=" + offset));
                JsonNode orders = answer.path("orders");
                total = orders.isEmpty() ? offset : answer.path("total").asInt(offset + orders.size());
                offset += orders.size();
                page = orders.iterator();
            }
            if (!page.hasNext()) {
                return false;
            }
            action.accept(page.next());
            return true;
        }
    }
}
