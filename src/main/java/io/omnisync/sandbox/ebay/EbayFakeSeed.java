package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * The deterministic seed: inventory items {@code OS-0001}..{@code OS-0050} (the Magento sandbox's SKUs), each with
 * a published fixed-price offer on EBAY_US in USD; {@code OS-0001}..{@code OS-0045} (the SKUs of Magento's EU
 * website) also on EBAY_DE in EUR. Prices follow the Magento sandbox's price rule; quantities are pseudo-random,
 * zero for every ninth SKU.
 */
final class EbayFakeSeed {

    private static final String[] PRODUCTS = {"Organic Cotton T-Shirt", "Heavyweight Hoodie", "Linen Shirt",
        "Denim Jacket", "Merino Wool Scarf", "Stoneware Mug", "Cotton Throw Blanket", "Soy Scented Candle",
        "Linen Napkins, Set of 4", "Canvas Tote Bag"};
    private static final String[] BASE_PRICES = {"24.90", "59.00", "49.50", "89.00", "39.00", "14.50", "69.00", "22.00",
        "29.00", "19.90"};
    private static final String[] COLOURS = {"Navy", "Charcoal", "Sage", "Sand", "Terracotta"};

    private EbayFakeSeed() {
    }

    static void seed(EbayListings listings) {
        SplittableRandom random = new SplittableRandom(20250115L);
        for (int n = 1; n <= 50; n++) {
            String sku = String.format("OS-%04d", n);
            int quantity = n % 9 == 0 ? 0 : random.nextInt(1, 101);
            String title = PRODUCTS[(n - 1) / COLOURS.length] + " - " + COLOURS[(n - 1) % COLOURS.length];
            ObjectNode item = JsonNodeFactory.instance.objectNode().put("condition", "NEW");
            item.putObject("availability").putObject("shipToLocationAvailability").put("quantity", quantity);
            item.putObject("product").put("title", title).put("description", title + " from the omnisync sandbox catalogue.")
                    .putArray("imageUrls").add("https://images.example.com/" + sku + ".jpg");
            listings.putItem(sku, "en-US", item);
            BigDecimal usd = new BigDecimal(BASE_PRICES[(n - 1) / COLOURS.length]).add(BigDecimal.valueOf((n - 1) % COLOURS.length));
            publish(listings, sku, "EBAY_US", usd, "USD", quantity, "us_warehouse");
            if (n < 46) {
                BigDecimal eur = usd.multiply(new BigDecimal("0.92")).setScale(0, RoundingMode.HALF_UP)
                        .subtract(new BigDecimal("0.10"));
                publish(listings, sku, "EBAY_DE", eur, "EUR", quantity, "eu_warehouse");
            }
        }
    }

    private static void publish(EbayListings listings, String sku, String marketplaceId, BigDecimal price, String currency,
                                int quantity, String location) {
        ObjectNode offer = JsonNodeFactory.instance.objectNode().put("sku", sku).put("marketplaceId", marketplaceId)
                .put("format", "FIXED_PRICE").put("availableQuantity", quantity).put("categoryId", "15687")
                .put("merchantLocationKey", location).put("listingDuration", "GTC");
        offer.putObject("pricingSummary").set("price", EbayListings.amount(price, currency));
        offer.putObject("listingPolicies").put("fulfillmentPolicyId", "6000000001").put("paymentPolicyId", "6000000002")
                .put("returnPolicyId", "6000000003");
        listings.publish(listings.createOffer(offer));
    }
}
