package io.omnisync.platform.event;

import java.util.Locale;

/** The bus topics, one per domain of the architecture's flow table. */
public enum Domain {
    STOCK, CATALOG, ORDERS, REFUNDS, PAYMENTS, LOYALTY;

    /** The topic name as routes write it: {@code bus:stock}. */
    public String topic() {
        return name().toLowerCase(Locale.ROOT);
    }
}
