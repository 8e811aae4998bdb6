package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.webhook.RsaSignatures;
import io.omnisync.platform.webhook.WebhookOutcome;
import io.omnisync.platform.webhook.WebhookRequest;
import io.omnisync.platform.webhook.WebhookSource;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ProblemDetail;

/**
 * Adobe Commerce synchronous webhooks ({@code Magento_AdobeCommerceWebhooks}) at
 * {@code POST /webhooks/adobe-commerce/<hook name>}, e.g. {@code observer.catalog_product_save_after}. Body
 * {@code {"eventName": ..., "data": {"<object>": ...}}}; header {@code x-adobe-commerce-webhook-signature} = base64
 * RSA-SHA256 signature, made with Commerce's private key, of the base64 encoding of the raw body, checked against
 * every configured public key. Events are journalled under source {@code magento} and keyed by the state they
 * describe ({@link MagentoEventKeys}), so a change also reported by async events or a poll is journalled once.
 * Commerce waits for the answer while the shopper waits: success is {@code {"op":"success"}}, a refusal keeps its
 * status and problem body and adds {@code "op":"exception"} with the problem's detail as {@code message}.
 */
public class AdobeCommerceWebhookSource implements WebhookSource {

    static final String SYSTEM = "adobe-commerce";
    static final String SIGNATURE_HEADER = "x-adobe-commerce-webhook-signature";

    /** Hook names (webhook_method) omnisync handles, and the mapping each goes through. */
    static final Map<String, String> MAPPINGS = Map.of(
            "observer.catalog_product_save_after", "catalog/product-adobe-to-canonical.jsonata",
            "observer.sales_order_place_after", "orders/order-adobe-to-canonical.jsonata",
            "observer.sales_order_save_after", "orders/order-adobe-to-canonical.jsonata",
            "observer.sales_order_shipment_save_after", "orders/shipment-adobe-to-canonical.jsonata",
            "observer.sales_order_creditmemo_save_after", "orders/creditmemo-adobe-to-canonical.jsonata");

    private static final Map<String, String> SUCCESS = Map.of("op", "success");

    private final List<PublicKey> keys;
    private final MagentoStores stores;

    public AdobeCommerceWebhookSource(MagentoProperties properties, MagentoStores stores) {
        this.keys = AdobeCommercePublicKeys.readAll(properties.getAdobeCommercePublicKeys());
        this.stores = stores;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    /** Shares Magento's journal source, hence its dedupe, with the async-events ingress and the pollers. */
    @Override
    public String journalSource() {
        return "magento";
    }

    @Override
    public boolean verify(WebhookRequest request) {
        return RsaSignatures.verifiesWithAny(keys, Base64.getEncoder().encode(request.body()), request.header(SIGNATURE_HEADER));
    }

    @Override
    public Optional<String> mappingFor(String eventName) {
        return Optional.ofNullable(MAPPINGS.get(eventName));
    }

    @Override
    public Optional<String> eventKey(CanonicalEvent event) {
        return MagentoEventKeys.of(event);
    }

    /** Adds Magento's store views ({@link MagentoStores}): Commerce sends store ids, mappings resolve codes and currencies. */
    @Override
    public JsonNode mappingInput(WebhookRequest request, JsonNode body) {
        ObjectNode input = (ObjectNode) WebhookSource.super.mappingInput(request, body);
        input.set("stores", stores.byCode());
        return input;
    }

    /** Commerce reads an operation: journalled, repeated or nothing to sync, the change may go ahead. */
    @Override
    public Object reply(WebhookOutcome outcome) {
        return SUCCESS;
    }

    /** Commerce logs (and, for a required hook, shows) the message of an exception operation. */
    @Override
    public void describeProblem(ProblemDetail problem) {
        problem.setProperty("op", "exception");
        problem.setProperty("message", problem.getDetail());
    }
}
