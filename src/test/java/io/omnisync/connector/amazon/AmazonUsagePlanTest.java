package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.amazon.AmazonSeed;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The client's usage-plan buckets against the fake's: the fake enforces each operation's plan with 429s, so a
 * client that stays inside the plan gets none. Time is a shared test clock the client's sleeper moves.
 */
class AmazonUsagePlanTest {

    @Test
    void shouldStayInsideTheUsagePlanByWaitingForTokensInsteadOfBeingThrottled() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            AmazonListings listings = new AmazonListings(kit.client);

            IntStream.rangeClosed(1, 30).forEach(n -> listings.patch(ListingUpdate.quantity(String.format("OS-%04d", n), AmazonSeed.US, n)));

            assertThat(kit.fake.requests("patchListingsItem")).isEqualTo(30);
            assertThat(kit.fake.throttled("patchListingsItem")).isZero();
            // burst 5 at once, then 25 more at 5 per second
            assertThat(kit.slept()).isBetween(Duration.ofMillis(4990), Duration.ofMillis(5010));
        }
    }

    @Test
    void shouldBeThrottledByTheFakeWhenTheConfiguredPlanIsLargerThanAmazonsAndNotStorm() {
        AmazonProperties.UsagePlan tooGenerous = new AmazonProperties.UsagePlan();
        tooGenerous.setRate(100);
        tooGenerous.setBurst(100);
        try (AmazonTestKit kit = new AmazonTestKit(o -> o, p -> p.getUsagePlans().put("patchListingsItem", tooGenerous))) {
            AmazonListings listings = new AmazonListings(kit.client);

            IntStream.rangeClosed(1, 12).forEach(n -> listings.patch(ListingUpdate.quantity(String.format("OS-%04d", n), AmazonSeed.US, n)));

            assertThat(kit.fake.throttled("patchListingsItem")).as("the fake enforces its plan").isPositive();
            assertThat(kit.fake.requests("patchListingsItem")).as("each 429 retried once, after a wait")
                    .isEqualTo(12 + kit.fake.throttled("patchListingsItem"));
            assertThat(kit.client.usagePlans().rate(SpApiOperation.PATCH_LISTINGS_ITEM))
                    .as("re-tuned from x-amzn-RateLimit-Limit").isEqualTo(5.0);
        }
    }

    @Test
    void shouldWaitForRetryAfterOnA429AndThenSucceed() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            kit.fake.throttleNext(1, Duration.ofSeconds(2));

            new AmazonListings(kit.client).patch(ListingUpdate.quantity("OS-0001", AmazonSeed.US, 4));

            assertThat(kit.fake.requests("patchListingsItem")).isEqualTo(2);
            assertThat(kit.sleeps).containsExactly(Duration.ofSeconds(2));
            assertThat(kit.fake.listings().offer("OS-0001", AmazonSeed.US).orElseThrow().quantity()).isEqualTo(4);
        }
    }

    @Test
    void shouldGiveUpAsRateLimitWhenAmazonAsksForALongerWaitThanAllowed() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            kit.fake.throttleNext(1, Duration.ofMinutes(5));

            IntegrationException failure = catchThrowableOfType(() -> new AmazonListings(kit.client)
                    .patch(ListingUpdate.quantity("OS-0001", AmazonSeed.US, 4)), IntegrationException.class);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
            assertThat(kit.fake.requests("patchListingsItem")).isEqualTo(1);
            assertThat(kit.sleeps).isEmpty();
        }
    }

    @Test
    void shouldStopAfterTheConfiguredRetriesWhenAmazonKeepsAnswering429() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            kit.fake.throttleNext(10, Duration.ofSeconds(1));

            IntegrationException failure = catchThrowableOfType(() -> new AmazonListings(kit.client)
                    .patch(ListingUpdate.quantity("OS-0001", AmazonSeed.US, 4)), IntegrationException.class);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
            assertThat(failure.getMessage()).contains("QuotaExceeded");
            assertThat(kit.fake.requests("patchListingsItem")).as("first try and two retries").isEqualTo(3);
        }
    }

    @Test
    void shouldClassifyServerErrorsAsIntermittent() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            kit.fake.failNext(1);

            IntegrationException failure = catchThrowableOfType(() -> new AmazonListings(kit.client).get("OS-0001", AmazonSeed.US),
                    IntegrationException.class);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
            assertThat(failure.getMessage()).contains("500").contains("InternalFailure");
        }
    }
}
