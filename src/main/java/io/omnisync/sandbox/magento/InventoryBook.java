package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MSI state: sources, stocks (with their website sales channels), stock-source links, source items and
 * reservations. Not thread-safe: guarded by {@link MagentoStore}.
 */
final class InventoryBook {

    record Source(String code, String name, String countryId, String postcode, String city, String street,
                  String phone) {
    }

    record Stock(int id, String name, String websiteCode) {
    }

    record Link(int stockId, String sourceCode, int priority) {
    }

    record Reservation(int id, int stockId, String sku, BigDecimal quantity, String metadata) {
    }

    static final class SourceItem {
        final String sku;
        final String sourceCode;
        BigDecimal quantity;
        int status;
        long version;
        String updatedAt;

        SourceItem(String sku, String sourceCode) {
            this.sku = sku;
            this.sourceCode = sourceCode;
        }

        ObjectNode toJson() {
            ObjectNode n = JsonHttp.nodes().objectNode().put("sku", sku).put("source_code", sourceCode);
            n.set("quantity", JsonHttp.number(quantity));
            return n.put("status", status);
        }

        /** Payload of the custom {@code inventory.source_items.updated} event. */
        ObjectNode toEventJson() {
            return toJson().put("updated_at", updatedAt).put("version", version);
        }
    }

    final List<Source> sources = new ArrayList<>();
    final List<Stock> stocks = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    final Map<String, SourceItem> items = new LinkedHashMap<>();
    final List<Reservation> reservations = new ArrayList<>();

    private static String key(String sku, String sourceCode) {
        return sku + "\u0000" + sourceCode;
    }

    Optional<SourceItem> item(String sku, String sourceCode) {
        return Optional.ofNullable(items.get(key(sku, sourceCode)));
    }

    boolean hasSource(String code) {
        return sources.stream().anyMatch(s -> s.code().equals(code));
    }

    /** Saves a source item; returns it when something changed (the version is then incremented). */
    Optional<SourceItem> save(String sku, String sourceCode, BigDecimal quantity, int status, String now) {
        SourceItem item = items.computeIfAbsent(key(sku, sourceCode), k -> new SourceItem(sku, sourceCode));
        boolean changed = item.quantity == null || item.quantity.compareTo(quantity) != 0 || item.status != status;
        item.quantity = normalise(quantity);
        item.status = status;
        if (!changed) {
            return Optional.empty();
        }
        item.version++;
        item.updatedAt = now;
        return Optional.of(item);
    }

    /** 10.0 becomes 10 (scale 0), 2.50 becomes 2.5. */
    static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    Optional<Stock> stockForWebsite(String websiteCode) {
        return stocks.stream().filter(s -> s.websiteCode().equals(websiteCode)).findFirst();
    }

    List<String> sourcesOf(int stockId) {
        return links.stream().filter(l -> l.stockId() == stockId).map(Link::sourceCode).toList();
    }

    /** Σ quantity of in-stock source items of the stock's sources + Σ reservations (negative when open). */
    BigDecimal salable(String sku, int stockId) {
        BigDecimal physical = sourcesOf(stockId).stream()
                .map(code -> item(sku, code).filter(i -> i.status == 1).map(i -> i.quantity).orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal reserved = reservations.stream().filter(r -> r.stockId() == stockId && r.sku().equals(sku))
                .map(Reservation::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        return physical.add(reserved);
    }

    void reserve(int stockId, String sku, BigDecimal quantity, String metadata) {
        reservations.add(new Reservation(reservations.size() + 1, stockId, sku, quantity, metadata));
    }

    List<ObjectNode> itemsJson() {
        return items.values().stream().map(SourceItem::toJson).toList();
    }

    List<ObjectNode> sourcesJson() {
        return sources.stream().map(s -> JsonHttp.nodes().objectNode().put("source_code", s.code())
                .put("name", s.name()).put("enabled", true).put("country_id", s.countryId())
                .put("postcode", s.postcode()).put("city", s.city()).put("street", s.street()).put("phone", s.phone())
                .put("use_default_carrier_config", true)).toList();
    }

    List<ObjectNode> stocksJson() {
        return stocks.stream().map(this::stockJson).toList();
    }

    ObjectNode stockJson(Stock s) {
        ObjectNode n = JsonHttp.nodes().objectNode().put("stock_id", s.id()).put("name", s.name());
        ArrayNode channels = n.putObject("extension_attributes").putArray("sales_channels");
        channels.addObject().put("type", "website").put("code", s.websiteCode());
        return n;
    }

    List<ObjectNode> linksJson() {
        return links.stream().map(l -> JsonHttp.nodes().objectNode().put("stock_id", l.stockId())
                .put("source_code", l.sourceCode()).put("priority", l.priority())).toList();
    }
}
