package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.util.List;
import java.util.Optional;

/** Websites, store groups and store views of the fake shop (immutable). */
public final class StoreTopology {

    /** A website; {@code baseCurrency} is its base and default display currency. */
    public record Website(int id, String code, String name, int defaultGroupId, String baseCurrency) {
    }

    /** A store (group). */
    public record StoreGroup(int id, int websiteId, int rootCategoryId, int defaultStoreId, String name, String code) {
    }

    /** A store view. Id 0 ({@code admin}) is the global scope, also addressed as {@code all} in REST paths. */
    public record StoreView(int id, String code, String name, int websiteId, int groupId, String locale,
                            String currency, String timezone) {
    }

    private final List<Website> websites;
    private final List<StoreGroup> groups;
    private final List<StoreView> stores;
    private final String baseUrl;

    public StoreTopology(List<Website> websites, List<StoreGroup> groups, List<StoreView> stores, String baseUrl) {
        this.websites = List.copyOf(websites);
        this.groups = List.copyOf(groups);
        this.stores = List.copyOf(stores);
        this.baseUrl = baseUrl;
    }

    public List<Website> websites() {
        return websites;
    }

    public List<StoreView> stores() {
        return stores;
    }

    /** Resolves a REST path store code: a store view code, {@code default} or {@code all} (= admin, id 0). */
    public Optional<StoreView> storeByCode(String code) {
        String wanted = "all".equals(code) ? "admin" : code;
        return stores.stream().filter(s -> s.code().equals(wanted)).findFirst();
    }

    public Optional<StoreView> storeById(int id) {
        return stores.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<Website> websiteByCode(String code) {
        return websites.stream().filter(w -> w.code().equals(code)).findFirst();
    }

    public Website website(int id) {
        return websites.stream().filter(w -> w.id() == id).findFirst().orElseThrow();
    }

    /** Store views (not admin) of a website. */
    public List<StoreView> storeViewsOf(int websiteId) {
        return stores.stream().filter(s -> s.websiteId() == websiteId && s.id() != 0).toList();
    }

    public ArrayNode websitesJson() {
        ArrayNode out = JsonHttp.nodes().arrayNode();
        websites.forEach(w -> out.addObject().put("id", w.id()).put("code", w.code()).put("name", w.name())
                .put("default_group_id", w.defaultGroupId()));
        return out;
    }

    public ArrayNode groupsJson() {
        ArrayNode out = JsonHttp.nodes().arrayNode();
        groups.forEach(g -> out.addObject().put("id", g.id()).put("website_id", g.websiteId())
                .put("root_category_id", g.rootCategoryId()).put("default_store_id", g.defaultStoreId())
                .put("name", g.name()).put("code", g.code()));
        return out;
    }

    public ArrayNode storesJson() {
        ArrayNode out = JsonHttp.nodes().arrayNode();
        stores.forEach(s -> out.addObject().put("id", s.id()).put("code", s.code()).put("name", s.name())
                .put("website_id", s.websiteId()).put("store_group_id", s.groupId()).put("is_active", 1));
        return out;
    }

    /** {@code GET /V1/store/storeConfigs}; an empty code list means every store view. */
    public ArrayNode storeConfigsJson(List<String> codes) {
        ArrayNode out = JsonHttp.nodes().arrayNode();
        stores.stream().filter(s -> s.id() != 0 && (codes.isEmpty() || codes.contains(s.code())))
                .forEach(s -> out.add(storeConfig(s)));
        return out;
    }

    private ObjectNode storeConfig(StoreView s) {
        String base = baseUrl + "/";
        return JsonHttp.nodes().objectNode().put("id", s.id()).put("code", s.code()).put("website_id", s.websiteId())
                .put("locale", s.locale()).put("base_currency_code", website(s.websiteId()).baseCurrency())
                .put("default_display_currency_code", s.currency()).put("timezone", s.timezone())
                .put("weight_unit", s.websiteId() == 1 ? "lbs" : "kgs").put("base_url", base).put("base_link_url", base)
                .put("base_static_url", base + "static/").put("base_media_url", base + "media/")
                .put("secure_base_url", base).put("secure_base_link_url", base)
                .put("secure_base_static_url", base + "static/").put("secure_base_media_url", base + "media/");
    }
}
