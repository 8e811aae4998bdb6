package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.platform.webhook.WebhookRequest;
import io.omnisync.platform.webhook.WebhookSource;
import java.util.Map;
import java.util.Optional;

/**
 * Magento Open Source asynchronous events (the aligent / Mage-OS async-events module): body {@code {"data": ...}},
 * header {@code x-magento-signature} = hex HMAC-SHA256 of the raw body keyed by the subscription's verification
 * token. The event name is the last URL segment, since the body carries none. Events are keyed by the Magento
 * state they describe ({@link MagentoEventKeys}), so a retry, and a poll that saw the same change, are duplicates.
 */
public class MagentoWebhookSource implements WebhookSource {

    static final String SIGNATURE_HEADER = "x-magento-signature";

    /** Async-events names omnisync subscribes to, and the mapping each goes through. */
    static final Map<String, String> MAPPINGS = Map.of(
            "inventory.source_items.updated", "stock/stock-magento-to-canonical.jsonata",
            "catalog.product.updated", "catalog/product-magento-to-canonical.jsonata",
            "sales.order.created", "orders/order-magento-to-canonical.jsonata",
            "sales.order.updated", "orders/order-magento-to-canonical.jsonata",
            "sales.shipment.created", "orders/shipment-magento-to-canonical.jsonata",
            "sales.creditmemo.created", "orders/creditmemo-magento-to-canonical.jsonata");

    private final MagentoProperties properties;
    private final MagentoStores stores;

    public MagentoWebhookSource(MagentoProperties properties, MagentoStores stores) {
        this.properties = properties;
        this.stores = stores;
    }

    @Override
    public String system() {
        return "magento";
    }

    @Override
    public boolean verify(WebhookRequest request) {
        return HmacSignatures.matchesHex(properties.getWebhookSecrets(), request.body(), request.header(SIGNATURE_HEADER));
    }

    @Override
    public Optional<String> mappingFor(String eventName) {
        return Optional.ofNullable(MAPPINGS.get(eventName));
    }

    @Override
    public Optional<String> eventKey(CanonicalEvent event) {
        return MagentoEventKeys.of(event);
    }

    /** Adds Magento's store views ({@link MagentoStores}) so mappings can resolve store ids and currencies. */
    @Override
    public JsonNode mappingInput(WebhookRequest request, JsonNode body) {
        ObjectNode input = (ObjectNode) WebhookSource.super.mappingInput(request, body);
        input.set("stores", stores.byCode());
        return input;
    }
}
