package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The quantity of a SKU at one MSI source changed. {@code version} grows with every change of
 * (sku, source), so a consumer can drop a stale event.
 */
public record StockChanged(String sku, String sourceCode, BigDecimal quantity, boolean inStock,
                           long version, Instant occurredAt) implements CanonicalEvent {

    public StockChanged {
        Require.text(sku, "StockChanged", "sku");
        Require.text(sourceCode, "StockChanged", "sourceCode");
        Require.present(quantity, "StockChanged", "quantity");
        Require.present(occurredAt, "StockChanged", "occurredAt");
    }

    @Override
    public Domain domain() {
        return Domain.STOCK;
    }

    @Override
    public String entityKey() {
        return sku;
    }
}
