package io.omnisync.sandbox.magento;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** A quote being filled through the cart REST flow. Not thread-safe: guarded by {@link MagentoStore}. */
final class CartRecord {

    final int id;
    final StoreTopology.StoreView store;
    final Map<String, BigDecimal> items = new LinkedHashMap<>();
    Integer customerId;
    String email;
    OrderRecord.Customer billing;
    OrderRecord.Customer shipping;
    boolean active = true;

    CartRecord(int id, StoreTopology.StoreView store) {
        this.id = id;
        this.store = store;
    }
}
