package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.sandbox.amazon.AmazonFake;
import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * An Amazon listings feed takes Amazon minutes to process. While it does, the fan-out goes on: eBay gets every change
 * at once, a newer change of a SKU in the feed is held back for Amazon (sent now, it could be applied before the
 * feed, and the feed's older value would win) and reaches Amazon once the feed is processed.
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.channels.fanout.window=1s",
    "omnisync.channels.order-polling.interval=1h",
    "omnisync.connector.magento.polling.enabled=false",
    "omnisync.connector.amazon.feed-from=2",
    "omnisync.connector.amazon.feed-poll-interval=1s",
    "omnisync.channels.bindings[0].channel=amazon",
    "omnisync.channels.bindings[0].account=ATVPDKIKX0DER",
    "omnisync.channels.bindings[0].website=base",
    "omnisync.channels.bindings[0].store-view=default",
    "omnisync.channels.bindings[0].currency=USD",
    "omnisync.channels.bindings[1].channel=ebay",
    "omnisync.channels.bindings[1].account=EBAY_US",
    "omnisync.channels.bindings[1].website=base",
    "omnisync.channels.bindings[1].store-view=default",
    "omnisync.channels.bindings[1].currency=USD"
})
class AmazonFeedFanoutTest {

    private static final List<String> SKUS = IntStream.rangeClosed(11, 30).mapToObj(n -> String.format("OS-%04d", n)).toList();

    @Autowired
    MagentoFake magento;
    @Autowired
    AmazonFake amazon;
    @Autowired
    EbayFake ebay;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldKeepPushingToTheOtherChannelsWhileAnAmazonFeedIsProcessed() {
        amazon.holdFeeds();
        try {
            for (int i = 0; i < SKUS.size(); i++) {
                magento.store().setSourceQuantity(SKUS.get(i), "us_warehouse", 60 + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> SKUS.stream().allMatch(s -> ebayQuantity(s) == salable(s)));
            assertThat(amazon.requests("createFeed")).as("the changes went to Amazon as feeds").isPositive();

            // a newer change of a SKU in a feed (Amazon does not show its value yet): eBay gets it, Amazon is not sent it
            // while the feed is processed
            long patches = amazon.requests("patchListingsItem");
            String sku = SKUS.stream().filter(s -> amazonQuantity(s) != salable(s)).findFirst().orElseThrow();
            magento.store().setSourceQuantity(sku, "us_warehouse", 7);
            int latest = salable(sku);
            await().atMost(Duration.ofSeconds(30)).until(() -> ebayQuantity(sku) == latest);
            assertThat(amazon.requests("patchListingsItem")).isEqualTo(patches);
            assertThat(amazonQuantity(sku)).isNotEqualTo(latest);
        } finally {
            amazon.releaseFeeds();
        }

        // the feed is processed: every SKU shows its value on Amazon, the one changed since shows the newer one
        await().atMost(Duration.ofSeconds(30)).until(() -> SKUS.stream().allMatch(s -> amazonQuantity(s) == salable(s)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM fanout_pending WHERE sku IN ("
                + String.join(",", SKUS.stream().map(s -> "'" + s + "'").toList()) + ")", Integer.class) == 0);
    }

    private int salable(String sku) {
        return magento.store().salableQuantity(sku, 1).intValue();
    }

    private int amazonQuantity(String sku) {
        return amazon.listings().offer(sku, "ATVPDKIKX0DER").orElseThrow().quantity();
    }

    private int ebayQuantity(String sku) {
        return ebay.listings().offers(sku, "EBAY_US").get(0).path("availableQuantity").asInt();
    }
}
