package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/** The admin cart flow and customers: create cart, add items, addresses and shipping, place order. */
final class CartApi {

    private final MagentoStore store;
    private final MagentoFakeOptions options;

    CartApi(MagentoStore store, MagentoFakeOptions options) {
        this.store = store;
        this.options = options;
    }

    void register(Router router) {
        router.post("/V1/carts/", r -> IntNode.valueOf(store.createCart(r.storeCode())))
                .put("/V1/carts/{cartId}", r -> BooleanNode.valueOf(store.assignCustomer(OrderApi.id(r, "cartId"),
                        CatalogApi.required(r.body(), "customerId").asInt())))
                .post("/V1/carts/{quoteId}/items", this::addItem)
                .post("/V1/carts/{cartId}/billing-address", r -> IntNode.valueOf(store.setBillingAddress(
                        OrderApi.id(r, "cartId"), address(CatalogApi.required(r.body(), "address")))))
                .post("/V1/carts/{cartId}/shipping-information", this::shippingInformation)
                .put("/V1/carts/{cartId}/order", r -> IntNode.valueOf(store.placeCartOrder(OrderApi.id(r, "cartId"),
                        r.body() == null ? "" : r.body().path("paymentMethod").path("method").asText(""))))
                .get("/V1/customers/search", r -> SearchCriteria.parse(r.query()).apply(store.customers(), options))
                .post("/V1/customers", r -> store.createCustomer((ObjectNode) CatalogApi.required(r.body(), "customer")));
    }

    private Object addItem(Router.Request r) {
        JsonNode item = CatalogApi.required(r.body(), "cartItem");
        if (!item.hasNonNull("sku")) {
            throw MagentoError.badRequest("Product that you are trying to add is not available.");
        }
        return store.addCartItem(OrderApi.id(r, "quoteId"), item.get("sku").asText(),
                new BigDecimal(item.path("qty").asText("0")));
    }

    private Object shippingInformation(Router.Request r) {
        JsonNode info = CatalogApi.required(r.body(), "addressInformation");
        if (!info.hasNonNull("shipping_address")) {
            throw MagentoError.badRequest("The shipping address is missing. Set the address and try again.");
        }
        OrderRecord.Customer shipping = address(info.get("shipping_address"));
        OrderRecord.Customer billing = info.hasNonNull("billing_address") ? address(info.get("billing_address")) : null;
        return store.setShippingInformation(OrderApi.id(r, "cartId"), shipping, billing,
                info.path("shipping_carrier_code").asText(null), info.path("shipping_method_code").asText(null));
    }

    /** A quote address; Magento requires firstname, lastname, street, city, country and telephone. */
    static OrderRecord.Customer address(JsonNode a) {
        for (String field : new String[] {"firstname", "lastname", "city", "country_id", "telephone"}) {
            if (a.path(field).asText("").isBlank()) {
                throw new MagentoError(400, "\"%fieldName\" is required. Enter and try again.",
                        io.omnisync.sandbox.JsonHttp.nodes().objectNode().put("fieldName", field));
            }
        }
        JsonNode street = a.path("street");
        String line = street.isArray() && street.size() > 0 ? street.get(0).asText() : street.asText("");
        return new OrderRecord.Customer(a.path("firstname").asText(), a.path("lastname").asText(),
                a.path("email").asText(null), line, a.path("city").asText(), a.path("postcode").asText(""),
                a.path("country_id").asText(), a.path("telephone").asText());
    }
}
