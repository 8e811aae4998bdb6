package io.omnisync.platform.event;

import java.math.BigDecimal;

/** One line of an order: what was sold, how many, at what unit price (in the order currency). */
public record OrderLine(String sku, BigDecimal quantity, BigDecimal unitPrice, BigDecimal rowTotal) {

    public OrderLine {
        Require.text(sku, "OrderLine", "sku");
        Require.nonNegative(quantity, "OrderLine", "quantity");
        Require.nonNegative(unitPrice, "OrderLine", "unitPrice");
    }
}
