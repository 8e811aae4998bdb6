package io.omnisync.connector.magento;

import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.event.OrderCancelled;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.OrderShipped;
import io.omnisync.platform.event.OrderUpdated;
import io.omnisync.platform.event.PriceChanged;
import io.omnisync.platform.event.ProductChanged;
import io.omnisync.platform.event.RefundIssued;
import io.omnisync.platform.event.StockChanged;
import java.util.Optional;

/**
 * The journal dedupe key of a canonical event that came from Magento, derived from the Magento state it describes
 * and not from how it arrived. An async-events delivery, an Adobe Commerce webhook and a poll that all see product
 * OS-0001 in store view {@code de} as of {@code updated_at} 2026-11-22 10:00:00 yield the same key, so the change
 * is journalled once whichever transport reports it first.
 */
public final class MagentoEventKeys {

    private MagentoEventKeys() {
    }

    /** The key of an event, or empty for event types Magento does not emit (the ingress then hashes the body). */
    public static Optional<String> of(CanonicalEvent event) {
        String key = null;
        if (event instanceof ProductChanged p) {
            key = "product:" + p.storeCode() + ":" + p.sku() + "@" + p.updatedAt();
        } else if (event instanceof PriceChanged p) {
            key = "price:" + p.storeCode() + ":" + p.sku() + "@" + p.updatedAt();
        } else if (event instanceof StockChanged s) {
            key = "stock:" + s.sourceCode() + ":" + s.sku() + "@" + s.version();
        } else if (event instanceof OrderPlaced o) {
            key = "order-placed:" + o.magentoOrderId();
        } else if (event instanceof OrderUpdated o) {
            key = "order:" + o.magentoOrderId() + "@" + o.updatedAt() + ":" + o.state() + "/" + o.status();
        } else if (event instanceof OrderCancelled o) {
            key = "order-cancelled:" + o.magentoOrderId();
        } else if (event instanceof OrderShipped s) {
            key = "shipment:" + s.shipmentId();
        } else if (event instanceof RefundIssued r) {
            key = "creditmemo:" + r.refundId();
        }
        return Optional.ofNullable(key);
    }
}
