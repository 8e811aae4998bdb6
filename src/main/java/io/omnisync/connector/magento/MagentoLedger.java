package io.omnisync.connector.magento;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.event.PriceChanged;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.ledger.ChannelLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ledger's picture of Magento, the source of truth: the quantity per MSI source (dropping stale events
 * by version) and the price per store view. The salable quantity (only Magento knows its reservations) is read by
 * the fan-out when it pushes, once per coalesced change.
 */
public class MagentoLedger {

    static final String CHANNEL = "magento";
    private static final Logger LOG = LoggerFactory.getLogger(MagentoLedger.class);

    private final MagentoClient client;
    private final ChannelLedger ledger;
    private final MeterRegistry registry;
    private final Map<String, List<Integer>> stocksBySource = new ConcurrentHashMap<>();

    public MagentoLedger(MagentoClient client, ChannelLedger ledger, MeterRegistry registry) {
        this.client = client;
        this.ledger = ledger;
        this.registry = registry;
    }

    /**
     * Records a source quantity change unless a newer version was recorded. The salable quantity of the stocks the
     * source feeds is not read here: the fan-out reads it once per coalesced change when it pushes (and dead-letters
     * a SKU Magento does not know), so a burst of changes of one SKU costs one read, not one per event.
     */
    public void applyStock(StockChanged event, long journalId) {
        if (!ledger.record(CHANNEL, "source:" + event.sourceCode(), event.sku(), event.quantity().toPlainString(),
                event.version())) {
            stale("source-quantity");
            LOG.info("dropped stale stock event for {} at {} (version {}, journal {})", event.sku(), event.sourceCode(),
                    event.version(), journalId);
        }
    }

    /** Records a store view's price unless a newer one was recorded. */
    public void applyPrice(PriceChanged event) {
        String value = event.currency() + " " + event.price().toPlainString()
                + (event.specialPrice() == null ? "" : " special " + event.specialPrice().toPlainString());
        if (!ledger.record(CHANNEL, "price:" + event.storeCode(), event.sku(), value, event.updatedAt().toEpochMilli())) {
            stale("price");
        }
    }

    private void stale(String kind) {
        Counter.builder("omnisync.events.stale").description("Events dropped because a newer version was applied")
                .tag("channel", CHANNEL).tag("kind", kind).register(registry).increment();
    }

    /** The stocks an MSI source is linked to, read once per source. */
    List<Integer> stocksOf(String sourceCode) {
        return stocksBySource.computeIfAbsent(sourceCode, code -> {
            // one link per stock for a given source, so stock_id is a unique sort key here
            List<Integer> stocks = new ArrayList<>();
            MagentoSearch.of("/V1/inventory/stock-source-links").where("source_code", "eq", code).sortedBy("stock_id")
                    .stream(client, "all", 100)
                    .filter(link -> code.equals(link.path("source_code").asText()))
                    .forEach(link -> stocks.add(link.path("stock_id").asInt()));
            return List.copyOf(stocks);
        });
    }
}
