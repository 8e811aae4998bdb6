package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.sandbox.amazon.AmazonSeed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's Amazon pushes against the Amazon fake: a push of fewer than feed-from changes of one marketplace goes
 * as patchListingsItem calls, one of feed-from or more as one JSON_LISTINGS_FEED answered at once and watched until
 * Amazon processed it, and a SKU whose feed is still processed is held back rather than sent again.
 */
class AmazonChannelListingsTest {

    private final AmazonTestKit kit = new AmazonTestKit();
    private final AmazonChannelListings channel = new AmazonChannelListings(new AmazonListings(kit.client),
            new AmazonFeeds(kit.client, kit.clock), 7);

    @AfterEach
    void close() {
        channel.close();
        kit.close();
    }

    @Test
    void fewerChangesThanFeedFromArePatchedOneBySku() {
        ChannelListings.Pushed pushed = channel.push(AmazonSeed.US, changes(1, 6, "USD"));

        assertThat(pushed.refused()).isEmpty();
        assertThat(pushed.submitted()).isEmpty();
        assertThat(kit.fake.requests("patchListingsItem")).isEqualTo(6);
        assertThat(kit.fake.requests("createFeed")).isZero();
        assertThat(kit.fake.listings().offer("OS-0006", AmazonSeed.US).orElseThrow().quantity()).isEqualTo(106);
    }

    @Test
    void feedFromChangesOnGoAsOneFeedWhoseOutcomesComeLater() throws Exception {
        List<ListingChange> changes = changes(1, 7, "USD");
        changes.set(2, new ListingChange("OS-0003", BigDecimal.valueOf(9), new BigDecimal("19.99"), "EUR"));

        ChannelListings.Pushed pushed = channel.push(AmazonSeed.US, changes);

        assertThat(kit.fake.requests("createFeed")).isEqualTo(1);
        assertThat(kit.fake.requests("patchListingsItem")).isZero();
        assertThat(pushed.refused()).isEmpty();
        assertThat(pushed.submitted()).hasSize(7);
        assertThat(pushed.submitted().get("OS-0003").get(30, TimeUnit.SECONDS)).hasValueSatisfying(r -> assertThat(r).contains("EUR"));
        assertThat(pushed.submitted().get("OS-0007").get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(kit.fake.listings().offer("OS-0007", AmazonSeed.US).orElseThrow().quantity()).isEqualTo(107);
    }

    @Test
    void aChangeOfASkuWhoseFeedIsStillProcessedIsHeldBackUntilItEnds() throws Exception {
        kit.fake.holdFeeds();
        ChannelListings.Pushed first = channel.push(AmazonSeed.US, changes(1, 7, "USD"));
        CompletableFuture<Optional<String>> outcome = first.submitted().get("OS-0001");

        // Amazon may apply a patch sent now before the feed, whose older value would then win: nothing is sent
        ChannelListings.Pushed second = channel.push(AmazonSeed.US, List.of(
                new ListingChange("OS-0001", BigDecimal.valueOf(3), null, null),
                new ListingChange("OS-0020", BigDecimal.valueOf(4), null, null)));
        assertThat(second.held()).containsOnlyKeys("OS-0001");
        assertThat(kit.fake.requests("patchListingsItem")).as("OS-0020 only").isEqualTo(1);
        assertThat(outcome).isNotDone();

        kit.fake.releaseFeeds();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEmpty();
        second.held().get("OS-0001").get(30, TimeUnit.SECONDS);
        ChannelListings.Pushed third = channel.push(AmazonSeed.US, List.of(new ListingChange("OS-0001", BigDecimal.valueOf(3), null, null)));

        assertThat(third.held()).isEmpty();
        assertThat(third.refused()).isEmpty();
        assertThat(kit.fake.listings().offer("OS-0001", AmazonSeed.US).orElseThrow().quantity()).isEqualTo(3);
    }

    @Test
    void feedFromOutsideWhatAFeedHoldsIsRefusedAtStartUp() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        AmazonProperties properties = new AmazonProperties();
        properties.setFeedFrom(1);
        Set<ConstraintViolation<AmazonProperties>> low = validator.validateProperty(properties, "feedFrom");
        properties.setFeedFrom(25_001);
        Set<ConstraintViolation<AmazonProperties>> high = validator.validateProperty(properties, "feedFrom");
        properties.setFeedFrom(50);

        assertThat(low).singleElement().extracting(ConstraintViolation::getMessage).asString().contains("between 2 and 25000");
        assertThat(high).singleElement().extracting(ConstraintViolation::getMessage).asString().contains("at most 25000 messages");
        assertThat(validator.validateProperty(properties, "feedFrom")).isEmpty();
    }

    private static List<ListingChange> changes(int from, int to, String currency) {
        List<ListingChange> changes = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            changes.add(new ListingChange(String.format("OS-%04d", n), BigDecimal.valueOf(100 + n),
                    new BigDecimal("20.00").add(BigDecimal.valueOf(n)), currency));
        }
        return changes;
    }
}
