package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders and their sales documents: read, ext_order_id save, invoice, ship, refund, cancel, comment. */
final class OrderApi {

    private final MagentoStore store;
    private final MagentoFakeOptions options;

    OrderApi(MagentoStore store, MagentoFakeOptions options) {
        this.store = store;
        this.options = options;
    }

    void register(Router router) {
        router.get("/V1/orders", r -> SearchCriteria.parse(r.query()).apply(store.orders(), options))
                .post("/V1/orders", r -> store.saveOrder((ObjectNode) CatalogApi.required(r.body(), "entity")))
                .get("/V1/orders/{id}", r -> store.order(id(r, "id")).orElseThrow(OrderApi::noSuchEntity))
                .post("/V1/orders/{id}/cancel", r -> BooleanNode.valueOf(store.cancel(id(r, "id"))))
                .post("/V1/orders/{id}/comments", this::comment)
                .post("/V1/order/{orderId}/invoice", r -> IntNode.valueOf(store.invoice(id(r, "orderId"),
                        items(r.body()), r.body() != null && r.body().path("capture").asBoolean(false))))
                .post("/V1/order/{orderId}/ship", this::ship)
                .post("/V1/order/{orderId}/refund", this::refund);
        for (String kind : List.of("invoice", "shipment", "creditmemo")) {
            String list = "invoice".equals(kind) ? "/V1/invoices" : "/V1/" + kind + "s";
            String one = "invoice".equals(kind) ? "/V1/invoices/{id}" : "/V1/" + kind + "/{id}";
            router.get(list, r -> SearchCriteria.parse(r.query()).apply(store.documents(kind), options))
                    .get(one, r -> store.document(kind, id(r, "id")).orElseThrow(OrderApi::noSuchEntity));
        }
    }

    static MagentoError noSuchEntity() {
        return MagentoError.notFound("The entity that was requested doesn't exist. Verify the entity and try again.");
    }

    static int id(Router.Request r, String name) {
        try {
            return Integer.parseInt(r.param(name));
        } catch (NumberFormatException e) {
            throw MagentoError.badRequest("The \"" + r.param(name) + "\" value's type is invalid. The \"int\" type "
                    + "was expected. Verify and try again.");
        }
    }

    /** {@code items: [{order_item_id, qty}]} as a map; absent or empty means "everything open". */
    private static Map<Integer, BigDecimal> items(JsonNode body) {
        Map<Integer, BigDecimal> out = new LinkedHashMap<>();
        if (body != null) {
            body.path("items").forEach(i -> out.merge(i.path("order_item_id").asInt(),
                    new BigDecimal(i.path("qty").asText("0")), BigDecimal::add));
        }
        return out;
    }

    private Object comment(Router.Request r) {
        JsonNode history = CatalogApi.required(r.body(), "statusHistory");
        return BooleanNode.valueOf(store.addComment(id(r, "id"), history.path("comment").asText(""),
                history.path("is_customer_notified").asInt(0) == 1, history.path("status").asText(null)));
    }

    private Object ship(Router.Request r) {
        List<ObjectNode> tracks = new ArrayList<>();
        if (r.body() != null) {
            r.body().path("tracks").forEach(t -> tracks.add((ObjectNode) t));
        }
        String source = r.body() == null ? null
                : r.body().path("arguments").path("extension_attributes").path("source_code").asText(null);
        return IntNode.valueOf(store.ship(id(r, "orderId"), items(r.body()), tracks, source));
    }

    private Object refund(Router.Request r) {
        JsonNode arguments = r.body() == null ? null : r.body().get("arguments");
        List<Integer> back = new ArrayList<>();
        if (arguments != null) {
            arguments.path("extension_attributes").path("return_to_stock_items").forEach(i -> back.add(i.asInt()));
        }
        return IntNode.valueOf(store.refund(id(r, "orderId"), items(r.body()), amount(arguments, "shipping_amount", null),
                amount(arguments, "adjustment_positive", BigDecimal.ZERO),
                amount(arguments, "adjustment_negative", BigDecimal.ZERO), back));
    }

    private static BigDecimal amount(JsonNode arguments, String field, BigDecimal fallback) {
        return arguments == null || !arguments.hasNonNull(field) ? fallback : new BigDecimal(arguments.get(field).asText());
    }
}
