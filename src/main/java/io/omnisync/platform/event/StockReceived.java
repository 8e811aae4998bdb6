package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Units of a SKU arrived at (positive quantity) or left (negative: a write-off, a return to the supplier) an MSI
 * source outside any order, e.g. an ERP goods receipt. A change, never an absolute quantity: applying it must not
 * overwrite what happened at the source meanwhile. {@code receiptId} and {@code line} identify it for dedupe.
 */
public record StockReceived(String receiptId, int line, String sku, String sourceCode, BigDecimal quantity,
                            Instant occurredAt) implements CanonicalEvent {

    public StockReceived {
        Require.text(receiptId, "StockReceived", "receiptId");
        Require.text(sku, "StockReceived", "sku");
        Require.text(sourceCode, "StockReceived", "sourceCode");
        Require.present(quantity, "StockReceived", "quantity");
        Require.present(occurredAt, "StockReceived", "occurredAt");
        if (quantity.signum() == 0) {
            throw new IllegalArgumentException("StockReceived.quantity must not be 0 (line " + line + " of " + receiptId + ")");
        }
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
