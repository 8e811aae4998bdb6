package io.omnisync.connector.magento;

/**
 * Names of Magento's order cross-references: a channel's order id (kept in Magento's ext_order_id too) to the
 * entity id Magento's REST API takes (GET /V1/orders/{id}), and to the carts an import placed it from.
 */
public final class MagentoOrderReferences {

    /** Entity type of order cross-references. */
    public static final String ORDER = "order";
    /** Pseudo-system of Magento's internal order entity ids. */
    public static final String MAGENTO_ENTITY = "magento-entity";

    private MagentoOrderReferences() {
    }
}
