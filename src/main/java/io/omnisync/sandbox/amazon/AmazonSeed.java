package io.omnisync.sandbox.amazon;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The seed listings: the Magento sandbox's SKUs {@code OS-0001}..{@code OS-0050}, listed in the US marketplace
 * (USD) and the German one (EUR), with a quantity and a price that follow from the SKU number.
 */
public final class AmazonSeed {

    /** Amazon.com. */
    public static final String US = "ATVPDKIKX0DER";
    /** Amazon.de. */
    public static final String DE = "A1PA6795UKMFR9";
    /** Number of seeded SKUs. */
    public static final int SKUS = 50;

    private AmazonSeed() {
    }

    static void seed(ListingsBook listings) {
        for (int n = 1; n <= SKUS; n++) {
            String sku = String.format("OS-%04d", n);
            BigDecimal usd = BigDecimal.valueOf(999 + n * 100L, 2);
            BigDecimal eur = BigDecimal.valueOf(899 + n * 100L, 2);
            int quantity = n % 10 == 0 ? 0 : 10 + n % 7;
            listings.put(sku, "Omnisync sample product " + n, Map.of(
                    US, new ListingsBook.Offer(quantity, usd, "USD"),
                    DE, new ListingsBook.Offer(quantity, eur, "EUR")));
        }
    }
}
