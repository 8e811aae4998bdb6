package io.omnisync.sandbox.magento;

/** Order read endpoints. */
final class OrderApi {

    private final MagentoStore store;
    private final MagentoFakeOptions options;

    OrderApi(MagentoStore store, MagentoFakeOptions options) {
        this.store = store;
        this.options = options;
    }

    void register(Router router) {
        router.get("/V1/orders", r -> SearchCriteria.parse(r.query()).apply(store.orders(), options))
                .get("/V1/orders/{id}", this::get);
    }

    private Object get(Router.Request r) {
        int id;
        try {
            id = Integer.parseInt(r.param("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        return store.order(id).orElseThrow(() -> MagentoError.notFound(
                "The entity that was requested doesn't exist. Verify the entity and try again."));
    }
}
