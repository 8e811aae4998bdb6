package io.omnisync.sandbox.magento;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Generates one random, realistic change per {@link #tick()}: 70% a source-item quantity change, 20% an order
 * (with MSI reservations), 10% a price or name change in one store view. Every change emits its webhook.
 */
public final class MagentoDemoTraffic {

    private static final List<String> SOURCES = List.of("us_warehouse", "eu_warehouse");
    private static final List<String> STORE_VIEWS = List.of("default", "eu_de", "eu_fr");
    private static final List<String> NAME_TAGS = List.of("Limited Edition", "Bestseller", "New Season");

    private final MagentoFake fake;
    private final RandomGenerator random;

    public MagentoDemoTraffic(MagentoFake fake, RandomGenerator random) {
        this.fake = fake;
        this.random = random;
    }

    /** Applies one random change. */
    public void tick() {
        int dice = random.nextInt(100);
        if (dice < 70) {
            changeQuantity();
        } else if (dice < 85) {
            if (!placeOrder()) {
                changeQuantity();
            }
        } else if (dice < 90) {
            fulfilOrRefund();
        } else {
            changeProduct();
        }
    }

    private MagentoStore store() {
        return fake.store();
    }

    private String randomSku() {
        List<String> skus = store().skus();
        return skus.get(random.nextInt(skus.size()));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private void changeQuantity() {
        String sku = randomSku();
        String source = pick(SOURCES);
        BigDecimal current = store().sourceQuantity(sku, source).orElse(BigDecimal.ZERO);
        int delta = random.nextInt(-5, 21);
        store().setSourceQuantity(sku, source, Math.max(0, current.intValue() + delta));
    }

    /** Places an order of 1-3 salable lines; false when nothing picked was salable. */
    private boolean placeOrder() {
        String storeCode = pick(STORE_VIEWS);
        int stockId = "default".equals(storeCode) ? 1 : 2;
        Map<String, Integer> lines = new LinkedHashMap<>();
        int count = random.nextInt(1, 4);
        for (int i = 0; i < count; i++) {
            String sku = randomSku();
            int qty = random.nextInt(1, 3);
            boolean enabled = store().product(storeCode, sku).map(p -> p.path("status").asInt() == 1).orElse(false);
            if (enabled && store().salableQuantity(sku, stockId).compareTo(BigDecimal.valueOf(qty)) >= 0) {
                lines.putIfAbsent(sku, qty);
            }
        }
        if (lines.isEmpty()) {
            return false;
        }
        try {
            store().placeOrder(storeCode, lines);
            return true;
        } catch (MagentoError raced) {
            return false;
        }
    }

    /** Moves an open order on: invoice and ship it with a track, or refund one unit of a completed one. */
    private void fulfilOrRefund() {
        List<com.fasterxml.jackson.databind.node.ObjectNode> orders = store().orders();
        if (orders.isEmpty()) {
            return;
        }
        var order = pick(orders);
        int id = order.path("entity_id").asInt();
        try {
            switch (order.path("state").asText()) {
                case "new" -> {
                    store().invoice(id, Map.of(), true);
                    var track = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            .put("carrier_code", "ups").put("title", "UPS")
                            .put("track_number", "1Z" + String.format("%016d", random.nextLong(1, 9_999_999_999_999_999L)));
                    store().ship(id, Map.of(), List.of(track));
                }
                case "complete" -> store().refund(id, Map.of(order.path("items").get(0).path("item_id").asInt(),
                        BigDecimal.ONE), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of());
                default -> {
                    // processing, closed or canceled: nothing to do this time
                }
            }
        } catch (MagentoError refused) {
            // e.g. a source no longer holds the quantity to ship: the next tick picks something else
        }
    }

    private void changeProduct() {
        String storeCode = pick(STORE_VIEWS);
        String sku = randomSku();
        Map<String, Object> changes = new LinkedHashMap<>();
        var product = store().product(storeCode, sku).orElseThrow();
        if (random.nextBoolean()) {
            BigDecimal price = product.path("price").decimalValue();
            double factor = 0.9 + random.nextDouble() * 0.2;
            changes.put("price", price.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_UP));
        } else {
            String base = product.path("name").asText().replaceAll(" \\(.*\\)$", "");
            changes.put("name", base + " (" + pick(NAME_TAGS) + ")");
        }
        store().updateProduct(storeCode, sku, changes);
    }
}
