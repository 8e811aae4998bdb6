package io.omnisync.connector.magento;

import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.xref.CrossReferences;

/**
 * Cross-references of Magento orders: the increment id people and channels use (000000042) to the entity id
 * Magento's REST API needs (GET /V1/orders/{id}), and, for an order another channel placed, that channel's
 * order id (kept in Magento's ext_order_id) to the Magento increment id.
 */
public class MagentoOrderReferences {

    /** Entity type of order cross-references. */
    public static final String ORDER = "order";
    /** Pseudo-system of Magento's internal entity ids. */
    public static final String MAGENTO_ENTITY = "magento-entity";

    private final CrossReferences xref;

    public MagentoOrderReferences(CrossReferences xref) {
        this.xref = xref;
    }

    public void record(OrderPlaced order) {
        if (order.magentoOrderId() != null) {
            xref.link(ORDER, "magento", order.channelOrderId(), MAGENTO_ENTITY, order.magentoOrderId());
        }
    }
}
