package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/** The price of a SKU in one store view (and so one currency) changed; specialPrice may be null. */
public record PriceChanged(String sku, String storeCode, String currency, BigDecimal price,
                           BigDecimal specialPrice, Instant updatedAt) implements CatalogEvent {

    public PriceChanged {
        Require.text(sku, "PriceChanged", "sku");
        Require.text(storeCode, "PriceChanged", "storeCode");
        Require.text(currency, "PriceChanged", "currency");
        Require.nonNegative(price, "PriceChanged", "price");
        Require.present(updatedAt, "PriceChanged", "updatedAt");
    }
}
