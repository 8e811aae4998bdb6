package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** MSI: sources, stocks, stock-source links, source items (saved in chunks) and salable quantity per stock. */
public class MagentoInventory {

    /** One source item: quantity of a SKU at a source; status 1 = in stock. */
    public record SourceItem(String sku, String sourceCode, BigDecimal quantity, int status) {
    }

    private final MagentoClient client;
    private final int pageSize;

    public MagentoInventory(MagentoClient client, MagentoProperties properties) {
        this.client = client;
        this.pageSize = properties.getPageSize();
    }

    public Stream<JsonNode> sources() {
        return MagentoSearch.of("/V1/inventory/sources").sortedBy("source_code").stream(client, "all", pageSize);
    }

    /** One source with its address (name, street, city, postcode, country_id, phone). */
    public JsonNode source(String sourceCode) {
        return client.get("all", "/V1/inventory/sources/" + MagentoClient.segment(sourceCode));
    }

    public Stream<JsonNode> stocks() {
        return MagentoSearch.of("/V1/inventory/stocks").sortedBy("stock_id").stream(client, "all", pageSize);
    }

    /** Every source item of a source, sorted by SKU (unique within a source), page by page. */
    public Stream<SourceItem> sourceItems(String sourceCode) {
        return MagentoSearch.of("/V1/inventory/source-items").where("source_code", "eq", sourceCode).sortedBy("sku")
                .stream(client, "all", pageSize)
                .map(i -> new SourceItem(i.path("sku").asText(), i.path("source_code").asText(),
                        i.path("quantity").decimalValue(), i.path("status").asInt()));
    }

    /** The quantity of a SKU at a source (0 when the product is not assigned to it or out of stock there). */
    public BigDecimal sourceQuantity(String sku, String sourceCode) {
        return sourceItem(sku, sourceCode).map(i -> i.status() == 1 ? i.quantity() : BigDecimal.ZERO).orElse(BigDecimal.ZERO);
    }

    /** The source item of a SKU at a source, whatever its status; empty when the product is not assigned to it. */
    public Optional<SourceItem> sourceItem(String sku, String sourceCode) {
        return MagentoSearch.of("/V1/inventory/source-items").where("sku", "eq", sku).where("source_code", "eq", sourceCode)
                .sortedBy("sku").stream(client, "all", 10)
                .filter(i -> sku.equals(i.path("sku").asText()) && sourceCode.equals(i.path("source_code").asText()))
                .map(i -> new SourceItem(sku, sourceCode, i.path("quantity").decimalValue(), i.path("status").asInt()))
                .findFirst();
    }

    /**
     * The quantities of these SKUs at a source (0 when a product is not assigned to it or out of stock there), in one
     * search per page of SKUs ({@code sku in a,b,c}); a SKU holding a comma is read on its own.
     */
    public Map<String, BigDecimal> sourceQuantities(Collection<String> skus, String sourceCode) {
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        List<String> listable = new ArrayList<>();
        for (String sku : skus) {
            quantities.put(sku, BigDecimal.ZERO);
            if (sku.contains(",")) {
                quantities.put(sku, sourceQuantity(sku, sourceCode));
            } else {
                listable.add(sku);
            }
        }
        for (int from = 0; from < listable.size(); from += pageSize) {
            List<String> page = listable.subList(from, Math.min(listable.size(), from + pageSize));
            MagentoSearch.of("/V1/inventory/source-items").where("sku", "in", String.join(",", page))
                    .where("source_code", "eq", sourceCode).sortedBy("sku").stream(client, "all", pageSize)
                    .filter(i -> sourceCode.equals(i.path("source_code").asText()) && quantities.containsKey(i.path("sku").asText()))
                    .forEach(i -> quantities.put(i.path("sku").asText(),
                            i.path("status").asInt() == 1 ? i.path("quantity").decimalValue() : BigDecimal.ZERO));
        }
        return quantities;
    }

    /**
     * Saves source items in chunks of array-chunk-size. These are absolute quantities: use them for a source
     * nobody else sells from at the same time, never to apply a sale (that is what orders and reservations do).
     */
    public void saveSourceItems(List<SourceItem> items) {
        List<JsonNode> rows = items.stream().map(i -> (JsonNode) client.mapper().createObjectNode().put("sku", i.sku())
                .put("source_code", i.sourceCode()).put("quantity", i.quantity()).put("status", i.status())).toList();
        client.postInChunks("all", "/V1/inventory/source-items", "sourceItems", rows);
    }

    /**
     * Moves units of a SKU from one source to another with Magento's bulk partial transfer, which changes both source
     * items relative to their current quantity under a row lock (Magento refuses to take the origin below zero).
     */
    public void transferPartially(String originSource, String destinationSource, String sku, BigDecimal quantity) {
        ObjectNode body = client.mapper().createObjectNode().put("originSourceCode", originSource)
                .put("destinationSourceCode", destinationSource);
        body.putArray("items").addObject().put("sku", sku).put("qty", quantity);
        client.post("all", "/V1/inventory/bulk-partial-source-transfer", body);
    }

    /** Salable quantity of a SKU in a stock: source quantities minus open reservations. */
    public BigDecimal salableQuantity(String sku, int stockId) {
        return client.get("all", "/V1/inventory/get-product-salable-quantity/" + MagentoClient.segment(sku) + "/" + stockId)
                .decimalValue();
    }

    /** The stock a website sells from. */
    public int stockOfWebsite(String websiteCode) {
        JsonNode stock = client.get("all", "/V1/inventory/stock-resolver/website/" + MagentoClient.segment(websiteCode));
        if (!stock.hasNonNull("stock_id")) {
            throw new IntegrationException(ErrorClass.MISSING, "Magento has no stock for website " + websiteCode);
        }
        return stock.get("stock_id").asInt();
    }
}
