package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.sandbox.amazon.AmazonFake;
import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Magento's salable quantity and store-view prices reach the Amazon and eBay fakes: coalesced, through the
 * bindings (buffer, cap, exclusions), and only when they changed.
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.channels.fanout.window=300ms",
    "omnisync.channels.order-polling.interval=1h",
    "omnisync.connector.magento.polling.enabled=false",
    "omnisync.channels.bindings[0].channel=amazon",
    "omnisync.channels.bindings[0].account=ATVPDKIKX0DER",
    "omnisync.channels.bindings[0].website=base",
    "omnisync.channels.bindings[0].store-view=default",
    "omnisync.channels.bindings[0].currency=USD",
    "omnisync.channels.bindings[0].safety-buffer=2",
    "omnisync.channels.bindings[0].max-quantity=30",
    "omnisync.channels.bindings[0].excluded-skus=OS-0036",
    "omnisync.channels.bindings[1].channel=ebay",
    "omnisync.channels.bindings[1].account=EBAY_US",
    "omnisync.channels.bindings[1].website=base",
    "omnisync.channels.bindings[1].store-view=default",
    "omnisync.channels.bindings[1].currency=USD",
    "omnisync.channels.bindings[2].channel=pos",
    "omnisync.channels.bindings[2].account=L-BERLIN",
    "omnisync.channels.bindings[2].website=eu",
    "omnisync.channels.bindings[2].store-view=eu_de",
    "omnisync.channels.bindings[2].currency=EUR",
    "omnisync.channels.bindings[2].source=berlin_store",
    "omnisync.channels.bindings[2].safety-buffer=1"
})
class MagentoFanoutTest {

    @Autowired
    MagentoFake magento;
    @Autowired
    io.omnisync.platform.ledger.ChannelLedger ledger;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    io.omnisync.platform.deadletter.DeadLetters deadLetters;
    @Autowired
    AmazonFake amazon;
    @Autowired
    EbayFake ebay;
    @Autowired
    io.omnisync.sandbox.pos.PosFake pos;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    private int amazonQuantity(String sku) {
        return amazon.listings().offer(sku, "ATVPDKIKX0DER").orElseThrow().quantity();
    }

    private int ebayQuantity(String sku) {
        return ebay.listings().offers(sku, "EBAY_US").get(0).path("availableQuantity").asInt();
    }

    private BigDecimal salable(String sku) {
        return magento.store().salableQuantity(sku, 1);
    }

    @Test
    void shouldShowEachChannelMagentosSalableQuantityThroughItsBinding() {
        magento.store().setSourceQuantity("OS-0034", "us_warehouse", 40);
        magento.store().setSourceQuantity("OS-0035", "us_warehouse", 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0034") == salable("OS-0034").intValue()
                && ebayQuantity("OS-0035") == salable("OS-0035").intValue());
        await().atMost(Duration.ofSeconds(30)).until(() -> amazonQuantity("OS-0034") == Math.min(30, salable("OS-0034").intValue() - 2)
                && amazonQuantity("OS-0035") == Math.max(0, salable("OS-0035").intValue() - 2));
    }

    @Test
    void shouldTakeAnOrderOnOneChannelOffTheOthers() {
        magento.store().setSourceQuantity("OS-0037", "us_warehouse", 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0037") == salable("OS-0037").intValue());
        int before = ebayQuantity("OS-0037");

        magento.store().placeOrder("default", Map.of("OS-0037", 4));

        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0037") == before - 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> amazonQuantity("OS-0037") == before - 4 - 2);
    }

    @Test
    void shouldCoalesceABurstOfChangesIntoFewUpdatesWithTheLatestValue() {
        magento.store().setSourceQuantity("OS-0038", "us_warehouse", 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0038") == salable("OS-0038").intValue());
        long before = ebay.requests("POST", "bulk_update_price_quantity");

        for (int q = 6; q <= 25; q++) {
            magento.store().setSourceQuantity("OS-0038", "us_warehouse", q);
        }

        int latest = salable("OS-0038").intValue();

        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0038") == latest);
        assertThat(ebay.requests("POST", "bulk_update_price_quantity") - before)
                .as("20 changes within the window, a handful of bulk calls").isLessThanOrEqualTo(5);
    }

    @Test
    void shouldPushStoreViewPricesAndLeaveExcludedSkusAlone() {
        int excludedBefore = amazonQuantity("OS-0036");
        magento.store().updateProduct("default", "OS-0039", Map.of("price", new BigDecimal("44.50")));
        magento.store().setSourceQuantity("OS-0036", "us_warehouse", 77);

        await().atMost(Duration.ofSeconds(30)).until(() -> amazon.listings().offer("OS-0039", "ATVPDKIKX0DER")
                .orElseThrow().price().compareTo(new BigDecimal("44.50")) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> new BigDecimal(ebay.listings().offers("OS-0039", "EBAY_US").get(0)
                .at("/pricingSummary/price/value").asText()).compareTo(new BigDecimal("44.50")) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0036") == salable("OS-0036").intValue());
        assertThat(amazonQuantity("OS-0036")).as("excluded on Amazon").isEqualTo(excludedBefore);
    }

    @Test
    void shouldShowAPosLocationTheQuantityOnItsOwnShelf() {
        magento.store().setSourceQuantity("OS-0040", "berlin_store", 9);
        magento.store().setSourceQuantity("OS-0040", "eu_warehouse", 50);

        await().atMost(Duration.ofSeconds(30)).until(() -> pos.inStock("OS-0040", "L-BERLIN").intValue() == 8);
        magento.store().setSourceQuantity("OS-0040", "berlin_store", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> pos.inStock("OS-0040", "L-BERLIN").intValue() == 2);
    }

    @Test
    void shouldNotPutAMarketplacesOwnSalesBackOnSaleBeforeTheyReachMagento() {
        magento.store().setSourceQuantity("OS-0041", "us_warehouse", 8);
        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0041") == salable("OS-0041").intValue());
        int before = ebayQuantity("OS-0041");
        // three units sold on eBay: eBay takes them off at once; the order poll (1h here) has not brought them to Magento
        ebay.orders().placeOrder("EBAY_US", null, List.of(new io.omnisync.sandbox.ebay.EbayOrders.Line("OS-0041", 3)));
        assertThat(ebayQuantity("OS-0041")).isEqualTo(before - 3);

        // a sale in Magento's own store: Magento's salable quantity drops by one and is pushed
        magento.store().placeOrder("default", Map.of("OS-0041", 1));

        // the low-stock guard read eBay first and sent no more than eBay shows (without it: before - 1, three units back on sale)
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerQuantity("ebay", "EBAY_US", "OS-0041") == before - 1);
        assertThat(ebayQuantity("OS-0041")).isEqualTo(before - 3);
    }

    @Test
    void shouldLeaveAPosAloneForASkuItsShopDoesNotStock() {
        // OS-0048 is sold by the EU website (eu_warehouse) but not stocked in the Berlin shop, and the POS has no variation
        magento.store().setSourceQuantity("OS-0048", "eu_warehouse", 7);

        // every route has handled the change (the fan-out's included), then the flush has settled its rows
        await().atMost(Duration.ofSeconds(30)).until(() -> "PROCESSED".equals(jdbc.query("SELECT status FROM journal WHERE "
                + "entity_key = 'OS-0048' AND event_type = 'StockChanged' ORDER BY id DESC", (rs, i) -> rs.getString(1))
                .stream().findFirst().orElse(null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM fanout_pending WHERE sku = 'OS-0048'", Integer.class) == 0);
        assertThat(deadLetters.search(new io.omnisync.platform.deadletter.DeadLetters.Filter(null, "channels-fanout", null,
                null, "OS-0048"), 10)).as("no refusal of a SKU the shop does not stock").isEmpty();
    }

    @Test
    void shouldRetryAChannelThatFailedWhileTheOthersTookTheChange() {
        magento.store().setSourceQuantity("OS-0043", "us_warehouse", 12);
        await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity("OS-0043") == salable("OS-0043").intValue()
                && amazonQuantity("OS-0043") == Math.min(30, salable("OS-0043").intValue() - 2));
        double failedBefore = fanoutCount("ebay", "failed");
        // eBay answers 500 to each of its client's 4 attempts at one call: that push fails, while Amazon takes the change
        ebay.traffic().failNext(4);

        magento.store().setSourceQuantity("OS-0043", "us_warehouse", 20);
        int latest = salable("OS-0043").intValue();

        await().atMost(Duration.ofSeconds(30)).until(() -> amazonQuantity("OS-0043") == Math.min(30, latest - 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> fanoutCount("ebay", "failed") > failedBefore);
        // the change stays pending for eBay (Amazon's part is not pushed again) until eBay is back
        await().atMost(Duration.ofSeconds(60)).until(() -> ebayQuantity("OS-0043") == latest);
    }

    private double fanoutCount(String channel, String outcome) {
        io.micrometer.core.instrument.Counter c = registry.find("omnisync.channels.fanout").tag("channel", channel)
                .tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private int ledgerQuantity(String channel, String account, String sku) {
        return ledger.find(channel, "qty:" + account, sku).map(e -> Integer.parseInt(e.value())).orElse(-1);
    }
}
