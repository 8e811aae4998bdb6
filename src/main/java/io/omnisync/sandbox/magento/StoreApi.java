package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.util.ArrayList;
import java.util.List;

/** Store discovery endpoints and the async-events subscription endpoint. */
final class StoreApi {

    private final MagentoStore store;
    private final WebhookEmitter webhooks;

    StoreApi(MagentoStore store, WebhookEmitter webhooks) {
        this.store = store;
        this.webhooks = webhooks;
    }

    void register(Router router) {
        StoreTopology t = store.topology();
        router.get("/V1/store/websites", r -> t.websitesJson())
                .get("/V1/store/storeGroups", r -> t.groupsJson())
                .get("/V1/store/storeViews", r -> t.storesJson())
                .get("/V1/store/storeConfigs", r -> t.storeConfigsJson(storeCodes(r)))
                .get("/V1/directory/currency", this::currency)
                .postOutsideContract("/V1/async_event", this::subscribe);
    }

    private static List<String> storeCodes(Router.Request r) {
        List<String> codes = new ArrayList<>(r.queryValues("storeCodes"));
        codes.addAll(r.queryValues("storeCodes[]"));
        r.query().forEach((k, v) -> {
            if (k.matches("storeCodes\\[\\d+]")) {
                codes.addAll(v);
            }
        });
        return codes;
    }

    private Object currency(Router.Request r) {
        StoreTopology.StoreView view = store.storeView(r.storeCode());
        String code = store.topology().website(view.websiteId()).baseCurrency();
        String symbol = code.equals("EUR") ? "€" : "$";
        ObjectNode out = JsonHttp.nodes().objectNode().put("base_currency_code", code)
                .put("base_currency_symbol", symbol).put("default_display_currency_code", view.currency())
                .put("default_display_currency_symbol", symbol);
        out.putArray("available_currency_codes").add(code);
        out.putArray("exchange_rates").addObject().put("currency_to", code).put("rate", 1);
        return out;
    }

    private Object subscribe(Router.Request r) {
        JsonNode event = CatalogApi.required(r.body(), "asyncEvent");
        for (String field : List.of("event_name", "recipient_url", "verification_token")) {
            CatalogApi.required(event, field);
        }
        WebhookEmitter.Subscription s = webhooks.subscribe(event.get("event_name").asText(),
                event.get("recipient_url").asText(), event.get("verification_token").asText());
        return JsonHttp.nodes().objectNode().put("subscription_id", s.id()).put("event_name", s.eventName())
                .put("recipient_url", s.recipientUrl()).put("status", true)
                .put("metadata", event.path("metadata").asText("http")).put("subscribed_at", store.now());
    }
}
