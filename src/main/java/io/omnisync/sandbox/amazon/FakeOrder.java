package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One merchant-fulfilled Amazon order of the fake, with its items, buyer and shipped packages. */
public final class FakeOrder {

    /** Order statuses the fake uses. */
    public enum Status { Pending, Unshipped, PartiallyShipped, Shipped, Canceled }

    /** One line of the order. */
    public static final class Item {
        final String orderItemId;
        final String sku;
        final String asin;
        final String title;
        final int quantity;
        final BigDecimal unitPrice;
        int shipped;

        Item(String orderItemId, String sku, String asin, String title, int quantity, BigDecimal unitPrice) {
            this.orderItemId = orderItemId;
            this.sku = sku;
            this.asin = asin;
            this.title = title;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }

        public String orderItemId() {
            return orderItemId;
        }

        public String sku() {
            return sku;
        }

        public int shipped() {
            return shipped;
        }
    }

    /** A package confirmed with confirmShipment. */
    public record ShippedPackage(String packageReferenceId, String carrierCode, String trackingNumber, String shipDate) {
    }

    final String amazonOrderId;
    final String marketplaceId;
    final String currency;
    final Instant purchaseDate;
    final String buyerEmail;
    final String buyerName;
    final List<Item> items = new ArrayList<>();
    final List<ShippedPackage> packages = new ArrayList<>();
    volatile Status status;
    volatile Instant lastUpdateDate;

    FakeOrder(String amazonOrderId, String marketplaceId, String currency, Instant purchaseDate, Status status,
              String buyerEmail, String buyerName) {
        this.amazonOrderId = amazonOrderId;
        this.marketplaceId = marketplaceId;
        this.currency = currency;
        this.purchaseDate = purchaseDate;
        this.lastUpdateDate = purchaseDate;
        this.status = status;
        this.buyerEmail = buyerEmail;
        this.buyerName = buyerName;
    }

    public String amazonOrderId() {
        return amazonOrderId;
    }

    public Status status() {
        return status;
    }

    public Instant lastUpdateDate() {
        return lastUpdateDate;
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    public synchronized List<ShippedPackage> packages() {
        return List.copyOf(packages);
    }

    /** What the buyer pays: the sum of the items. */
    public BigDecimal total() {
        return items.stream().map(i -> i.unitPrice.multiply(BigDecimal.valueOf(i.quantity))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The Order object of getOrders (v0). */
    /** The order as getOrders returns it. */
    public synchronized ObjectNode toJson() {
        int shipped = items.stream().mapToInt(i -> i.shipped).sum();
        int ordered = items.stream().mapToInt(i -> i.quantity).sum();
        ObjectNode order = JsonHttp.nodes().objectNode().put("AmazonOrderId", amazonOrderId)
                .put("PurchaseDate", iso(purchaseDate)).put("LastUpdateDate", iso(lastUpdateDate))
                .put("OrderStatus", status.name()).put("FulfillmentChannel", "MFN")
                .put("SalesChannel", "A1PA6795UKMFR9".equals(marketplaceId) ? "Amazon.de" : "Amazon.com")
                .put("ShipServiceLevel", "Std Cont US Street Addr").put("NumberOfItemsShipped", shipped)
                .put("NumberOfItemsUnshipped", status == Status.Canceled ? 0 : ordered - shipped).put("PaymentMethod", "Other")
                .put("MarketplaceId", marketplaceId).put("ShipmentServiceLevelCategory", "Standard").put("OrderType", "StandardOrder")
                .put("EarliestShipDate", iso(purchaseDate.plus(1, ChronoUnit.DAYS)))
                .put("LatestShipDate", iso(purchaseDate.plus(2, ChronoUnit.DAYS)))
                .put("IsBusinessOrder", false).put("IsPrime", false).put("IsPremiumOrder", false)
                .put("IsGlobalExpressEnabled", false).put("IsReplacementOrder", false).put("IsSoldByAB", false)
                .put("IsISPU", false).put("IsAccessPointOrder", false);
        if (status != Status.Pending) {
            order.putObject("OrderTotal").put("CurrencyCode", currency).put("Amount", total().toPlainString());
            order.putObject("BuyerInfo").put("BuyerEmail", buyerEmail).put("BuyerName", buyerName);
            order.putObject("ShippingAddress").put("City", "A1PA6795UKMFR9".equals(marketplaceId) ? "Berlin" : "Seattle")
                    .put("CountryCode", "A1PA6795UKMFR9".equals(marketplaceId) ? "DE" : "US")
                    .put("PostalCode", "A1PA6795UKMFR9".equals(marketplaceId) ? "10115" : "98109");
        }
        return order;
    }

    /** The OrderItem object of getOrderItems. */
    synchronized ObjectNode itemJson(Item item) {
        ObjectNode json = JsonHttp.nodes().objectNode().put("ASIN", item.asin).put("SellerSKU", item.sku)
                .put("OrderItemId", item.orderItemId).put("Title", item.title).put("QuantityOrdered", item.quantity)
                .put("QuantityShipped", item.shipped).put("IsGift", "false").put("ConditionId", "New")
                .put("ConditionSubtypeId", "New").put("SerialNumberRequired", false).put("IsTransparency", false);
        json.putObject("ItemPrice").put("CurrencyCode", currency)
                .put("Amount", item.unitPrice.multiply(BigDecimal.valueOf(item.quantity)).toPlainString());
        json.putObject("ItemTax").put("CurrencyCode", currency).put("Amount", "0.00");
        json.putObject("ProductInfo").put("NumberOfItems", "1");
        return json;
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
