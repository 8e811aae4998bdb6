package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The seller's orders as the Fulfillment API returns them (Order: orderId, creationDate, lastModifiedDate,
 * orderFulfillmentStatus, orderPaymentStatus, buyer, pricingSummary, lineItems, fulfillmentStartInstructions,
 * paymentSummary), their shipping fulfillments and refunds. Buyers are invented ({@code example.com}).
 */
public final class EbayOrders {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[][] BUYERS = {
        {"EBAY_US", "sunny.buyer", "Casey Rivera", "Austin", "78701", "US"},
        {"EBAY_US", "trailhead_shop", "Jordan Lee", "Portland", "97201", "US"},
        {"EBAY_DE", "kaufrausch24", "Mila Becker", "Berlin", "10115", "DE"},
        {"EBAY_DE", "nordlicht.home", "Finn Wagner", "Hamburg", "20095", "DE"},
    };

    /** One line of a new order. */
    public record Line(String sku, int quantity) {
    }

    private final EbayListings listings;
    private final Clock clock;
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> fulfillments = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong(1);

    EbayOrders(EbayListings listings, Clock clock) {
        this.listings = listings;
        this.clock = clock;
    }

    /**
     * A buyer purchases these SKUs on a marketplace through their live listings (their quantity drops); the order is
     * PAID and NOT_STARTED. Returns the order id.
     */
    public synchronized String placeOrder(String marketplaceId, String buyerUsername, List<Line> lines) {
        long n = sequence.getAndIncrement();
        String orderId = String.format("%02d-%05d-%05d", 10 + n % 90, 10000 + n, 20000 + n);
        String[] buyer = buyer(marketplaceId, n);
        String now = TIMESTAMP.format(clock.instant());
        ObjectNode order = JsonNodeFactory.instance.objectNode().put("orderId", orderId).put("creationDate", now)
                .put("lastModifiedDate", now).put("orderFulfillmentStatus", "NOT_STARTED").put("orderPaymentStatus", "PAID")
                .put("sellerId", "omnisync_sandbox_seller").put("salesRecordReference", String.valueOf(1000 + n));
        order.putObject("cancelStatus").put("cancelState", "NONE_REQUESTED");
        ObjectNode buyerNode = order.putObject("buyer").put("username", buyerUsername == null ? buyer[1] : buyerUsername);
        buyerNode.putObject("buyerRegistrationAddress").put("fullName", buyer[2])
                .put("email", buyer[1].replace('_', '.') + n + "@example.com");
        ObjectNode shipTo = order.putArray("fulfillmentStartInstructions").addObject()
                .put("fulfillmentInstructionsType", "SHIP_TO").putObject("shippingStep").putObject("shipTo")
                .put("fullName", buyer[2]);
        shipTo.putObject("contactAddress").put("addressLine1", n + " Market Street").put("city", buyer[3])
                .put("postalCode", buyer[4]).put("countryCode", buyer[5]);
        ArrayNode items = order.putArray("lineItems");
        BigDecimal subtotal = BigDecimal.ZERO;
        String currency = null;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            ObjectNode offer = listings.sell(line.sku(), marketplaceId, line.quantity());
            JsonNode price = offer.at("/pricingSummary/price");
            currency = price.path("currency").asText();
            BigDecimal cost = new BigDecimal(price.path("value").asText()).multiply(BigDecimal.valueOf(line.quantity()));
            subtotal = subtotal.add(cost);
            String title = listings.item(line.sku()).map(it -> it.at("/product/title").asText()).orElse(line.sku());
            items.addObject().put("lineItemId", String.valueOf(10_000_000_000L + n * 100 + i)).put("sku", line.sku())
                    .put("title", title).put("quantity", line.quantity())
                    .put("legacyItemId", offer.at("/listing/listingId").asText())
                    .put("listingMarketplaceId", marketplaceId).put("purchaseMarketplaceId", marketplaceId)
                    .put("soldFormat", "FIXED_PRICE").put("lineItemFulfillmentStatus", "NOT_STARTED")
                    .set("lineItemCost", EbayListings.amount(cost, currency));
        }
        BigDecimal delivery = new BigDecimal("4.99");
        ObjectNode pricing = order.putObject("pricingSummary");
        pricing.set("priceSubtotal", EbayListings.amount(subtotal, currency));
        pricing.set("deliveryCost", EbayListings.amount(delivery, currency));
        pricing.set("total", EbayListings.amount(subtotal.add(delivery), currency));
        order.putObject("paymentSummary").putArray("refunds");
        orders.put(orderId, order);
        fulfillments.put(orderId, new ArrayList<>());
        return orderId;
    }

    /** A demo order: a random marketplace and buyer, one to three listed SKUs that still have stock. */
    public synchronized Optional<String> generateOrder(RandomGenerator random) {
        String marketplaceId = random.nextBoolean() ? "EBAY_US" : "EBAY_DE";
        List<String> skus = new ArrayList<>(listings.listedSkus(marketplaceId).stream()
                .filter(sku -> listings.offers(sku, marketplaceId).stream().anyMatch(o -> o.path("availableQuantity").asInt() > 0))
                .toList());
        if (skus.isEmpty()) {
            return Optional.empty();
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0, count = random.nextInt(1, 4); i < count && !skus.isEmpty(); i++) {
            lines.add(new Line(skus.remove(random.nextInt(skus.size())), 1));
        }
        return Optional.of(placeOrder(marketplaceId, null, lines));
    }

    /** A copy of an order. */
    public synchronized Optional<ObjectNode> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId)).map(ObjectNode::deepCopy);
    }

    /** Copies of every order, oldest first. */
    public synchronized List<ObjectNode> all() {
        return orders.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Copies of an order's shipping fulfillments. */
    public synchronized List<ObjectNode> fulfillments(String orderId) {
        return fulfillments.getOrDefault(orderId, List.of()).stream().map(ObjectNode::deepCopy).toList();
    }

    /** Changes the order's lastModifiedDate to now (every change of an order does). */
    synchronized void touch(String orderId) {
        orders.get(orderId).put("lastModifiedDate", TIMESTAMP.format(clock.instant()));
    }

    /** The live order, for the fulfillment and refund operations (callers hold this object's lock). */
    ObjectNode live(String orderId) {
        return orders.get(orderId);
    }

    List<ObjectNode> liveFulfillments(String orderId) {
        return fulfillments.get(orderId);
    }

    private static String[] buyer(String marketplaceId, long n) {
        List<String[]> matching = java.util.Arrays.stream(BUYERS).filter(b -> b[0].equals(marketplaceId)).toList();
        return matching.isEmpty() ? BUYERS[(int) (n % BUYERS.length)] : matching.get((int) (n % matching.size()));
    }
}
