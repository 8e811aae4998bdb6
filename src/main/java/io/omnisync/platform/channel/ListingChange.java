package io.omnisync.platform.channel;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A new quantity and/or price for one SKU of one channel account; null leaves that value as it is. {@code asOf}
 * is when Magento's value was read (channels that order absolute counts by time, like a POS, use it).
 */
public record ListingChange(String sku, BigDecimal quantity, BigDecimal price, String currency, Instant asOf) {

    public ListingChange(String sku, BigDecimal quantity, BigDecimal price, String currency) {
        this(sku, quantity, price, currency, null);
    }
}
