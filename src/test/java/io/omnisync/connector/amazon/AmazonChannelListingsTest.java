package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.channel.ListingChange;
import io.omnisync.sandbox.amazon.AmazonSeed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's Amazon pushes against the Amazon fake: a push of fewer than feed-from changes of one marketplace goes
 * as patchListingsItem calls, one of feed-from or more as one JSON_LISTINGS_FEED, and either way the SKUs Amazon
 * refuses come back with its reason.
 */
class AmazonChannelListingsTest {

    private final AmazonTestKit kit = new AmazonTestKit();
    private final AmazonChannelListings channel = new AmazonChannelListings(new AmazonListings(kit.client),
            new AmazonFeeds(kit.client, kit.clock), 7);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void fewerChangesThanFeedFromArePatchedOneBySku() {
        Map<String, String> refused = channel.push(AmazonSeed.US, changes(1, 6, "USD"));

        assertThat(refused).isEmpty();
        assertThat(kit.fake.requests("patchListingsItem")).isEqualTo(6);
        assertThat(kit.fake.requests("createFeed")).isZero();
        assertThat(kit.fake.listings().offer("OS-0006", AmazonSeed.US).orElseThrow().quantity()).isEqualTo(106);
    }

    @Test
    void feedFromChangesOnGoAsOneFeedAndItsRefusalsComeBack() {
        List<ListingChange> changes = changes(1, 7, "USD");
        changes.set(2, new ListingChange("OS-0003", BigDecimal.valueOf(9), new BigDecimal("19.99"), "EUR"));

        Map<String, String> refused = channel.push(AmazonSeed.US, changes);

        assertThat(kit.fake.requests("createFeed")).isEqualTo(1);
        assertThat(kit.fake.requests("patchListingsItem")).isZero();
        assertThat(refused).containsOnlyKeys("OS-0003");
        assertThat(refused.get("OS-0003")).contains("EUR");
        assertThat(kit.fake.listings().offer("OS-0007", AmazonSeed.US).orElseThrow().quantity()).isEqualTo(107);
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
