package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.sandbox.amazon.AmazonSeed;
import io.omnisync.sandbox.amazon.ListingsBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JSON_LISTINGS_FEED cycle against the Amazon fake: document, upload, feed, polling, processing report. */
class AmazonFeedsTest {

    private final AmazonTestKit kit = new AmazonTestKit();
    private final AmazonFeeds feeds = new AmazonFeeds(kit.client, kit.clock);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void shouldRunASixtySkuFeedAndReportTheOneInvalidMessage() {
        for (int n = 51; n <= 60; n++) {
            kit.fake.listings().put(String.format("OS-%04d", n), "extra " + n,
                    Map.of(AmazonSeed.US, new ListingsBook.Offer(1, new BigDecimal("5.00"), "USD")));
        }
        List<ListingUpdate> updates = new ArrayList<>();
        for (int n = 1; n <= 60; n++) {
            String sku = String.format("OS-%04d", n);
            updates.add(n == 42
                    ? new ListingUpdate(sku, AmazonSeed.US, 7, new BigDecimal("19.99"), "EUR")
                    : new ListingUpdate(sku, AmazonSeed.US, 100 + n, new BigDecimal("20.00").add(BigDecimal.valueOf(n)), "USD"));
        }

        FeedReport report = feeds.run(AmazonSeed.US, updates);

        assertThat(report.processingStatus()).isEqualTo("DONE");
        assertThat(report.messagesProcessed()).isEqualTo(60);
        assertThat(report.messagesAccepted()).isEqualTo(59);
        assertThat(report.messagesInvalid()).isEqualTo(1);
        assertThat(report.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.messageId()).isEqualTo(42);
            assertThat(issue.sku()).isEqualTo("OS-0042");
            assertThat(issue.attributeName()).isEqualTo("purchasable_offer");
            assertThat(issue.message()).contains("EUR");
        });
        assertThat(report.allAccepted()).isFalse();
        ListingsBook.Offer last = kit.fake.listings().offer("OS-0060", AmazonSeed.US).orElseThrow();
        assertThat(last.quantity()).isEqualTo(160);
        assertThat(last.price()).isEqualByComparingTo("80.00");
        assertThat(kit.fake.listings().offer("OS-0042", AmazonSeed.US).orElseThrow().quantity())
                .as("an invalid message changes nothing").isNotEqualTo(7);
        assertThat(kit.fake.requests("createFeed")).isEqualTo(1);
        assertThat(kit.fake.throttled("getFeed")).isZero();
    }

    @Test
    void shouldReportEveryMessageAcceptedWhenAllAreValid() {
        FeedReport report = feeds.run(AmazonSeed.DE, List.of(ListingUpdate.quantity("OS-0001", AmazonSeed.DE, 0),
                ListingUpdate.price("OS-0002", AmazonSeed.DE, new BigDecimal("12.50"), "EUR")));

        assertThat(report.allAccepted()).isTrue();
        assertThat(kit.fake.listings().offer("OS-0001", AmazonSeed.DE).orElseThrow().quantity()).isZero();
        assertThat(kit.fake.listings().offer("OS-0002", AmazonSeed.DE).orElseThrow().price()).isEqualByComparingTo("12.50");
    }

    @Test
    void shouldReportAMessageForAnUnlistedSku() {
        FeedReport report = feeds.run(AmazonSeed.US, List.of(ListingUpdate.quantity("OS-0001", AmazonSeed.US, 3),
                ListingUpdate.quantity("NOT-LISTED", AmazonSeed.US, 3)));

        assertThat(report.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.messageId()).isEqualTo(2);
            assertThat(issue.sku()).isEqualTo("NOT-LISTED");
        });
        assertThat(report.skuOf(2)).contains("NOT-LISTED");
    }
}
