package io.omnisync.platform.event;

/** A change of one SKU's catalogue data or price: travels on the catalog topic, keyed by SKU. */
public sealed interface CatalogEvent extends CanonicalEvent permits ProductChanged, PriceChanged {

    /** The product's SKU. */
    String sku();

    @Override
    default Domain domain() {
        return Domain.CATALOG;
    }

    @Override
    default String entityKey() {
        return sku();
    }
}
