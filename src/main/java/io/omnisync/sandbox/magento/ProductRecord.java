package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A simple product with Magento's scoping: name and status per store view (store 0 = default values), price per
 * website (price scope "website"; website 0 = global base price). Not thread-safe: guarded by {@link MagentoStore}.
 */
final class ProductRecord {

    final int id;
    final String sku;
    final String createdAt;
    String updatedAt;
    final BigDecimal weight;
    final String urlKey;
    final Map<Integer, String> names = new TreeMap<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    final Map<Integer, BigDecimal> prices = new TreeMap<>();
    /** Special price per website (website 0 = global), as saved through /V1/products/special-price. */
    final Map<Integer, BigDecimal> specialPrices = new TreeMap<>();
    final Set<Integer> websiteIds = new TreeSet<>();

    ProductRecord(int id, String sku, String createdAt, BigDecimal weight, String urlKey) {
        this.id = id;
        this.sku = sku;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.weight = weight;
        this.urlKey = urlKey;
    }

    String name(StoreTopology.StoreView view) {
        return names.getOrDefault(view.id(), names.get(0));
    }

    int status(StoreTopology.StoreView view) {
        return statuses.getOrDefault(view.id(), statuses.getOrDefault(0, 1));
    }

    BigDecimal price(StoreTopology.StoreView view) {
        return prices.getOrDefault(view.websiteId(), prices.get(0));
    }

    /** The special price in force for the store view, or null. */
    BigDecimal specialPrice(StoreTopology.StoreView view) {
        return specialPrices.getOrDefault(view.websiteId(), specialPrices.get(0));
    }

    /** The price a shopper of the store view pays: the special price when lower. */
    BigDecimal finalPrice(StoreTopology.StoreView view) {
        BigDecimal special = specialPrice(view);
        return special != null && special.compareTo(price(view)) < 0 ? special : price(view);
    }

    /** The product as {@code GET /rest/<store>/V1/products/<sku>} returns it for that store view. */
    ObjectNode toJson(StoreTopology.StoreView view) {
        ObjectNode p = JsonHttp.nodes().objectNode();
        p.put("id", id).put("sku", sku).put("name", name(view)).put("attribute_set_id", 4);
        p.set("price", JsonHttp.number(price(view)));
        p.put("status", status(view)).put("visibility", 4).put("type_id", "simple")
                .put("created_at", createdAt).put("updated_at", updatedAt);
        p.set("weight", JsonHttp.number(weight));
        ObjectNode ext = p.putObject("extension_attributes");
        ArrayNode websites = ext.putArray("website_ids");
        websiteIds.forEach(websites::add);
        ext.putArray("category_links");
        p.putArray("product_links");
        p.putArray("options");
        p.putArray("media_gallery_entries");
        p.putArray("tier_prices");
        ArrayNode custom = p.putArray("custom_attributes");
        custom.addObject().put("attribute_code", "url_key").put("value", urlKey);
        custom.addObject().put("attribute_code", "tax_class_id").put("value", "2");
        custom.addObject().put("attribute_code", "options_container").put("value", "container2");
        custom.addObject().put("attribute_code", "required_options").put("value", "0");
        custom.addObject().put("attribute_code", "has_options").put("value", "0");
        BigDecimal special = specialPrice(view);
        if (special != null) {
            custom.addObject().put("attribute_code", "special_price").put("value", special.toPlainString());
        }
        return p;
    }
}
