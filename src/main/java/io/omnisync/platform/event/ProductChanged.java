package io.omnisync.platform.event;

import java.time.Instant;

/** A product's catalogue data changed in one store view. */
public record ProductChanged(String sku, String storeCode, String name, boolean enabled, Instant updatedAt)
        implements CatalogEvent {

    public ProductChanged {
        Require.text(sku, "ProductChanged", "sku");
        Require.text(storeCode, "ProductChanged", "storeCode");
        Require.present(updatedAt, "ProductChanged", "updatedAt");
    }
}
