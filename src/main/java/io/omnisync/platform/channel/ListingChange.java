package io.omnisync.platform.channel;

import java.math.BigDecimal;

/** A new quantity and/or price for one SKU of one channel account; null leaves that value as it is. */
public record ListingChange(String sku, BigDecimal quantity, BigDecimal price, String currency) {
}
