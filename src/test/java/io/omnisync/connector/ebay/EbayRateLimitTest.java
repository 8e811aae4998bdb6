package io.omnisync.connector.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.ebay.EbayOrders;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 429, 5xx and the token bucket. The client's waits advance the clock the fake's quota runs on, so every wait is
 * observed, none is real.
 */
class EbayRateLimitTest {

    @Test
    void shouldWaitWhatRetryAfterSaysAndThenSucceed() {
        try (EbayFixture ebay = new EbayFixture()) {
            ebay.fake.traffic().rateLimitNext(2, 7);

            assertThat(ebay.inventory().getInventoryItem("OS-0001")).isPresent();

            assertThat(ebay.fake.requests("GET", "/inventory_item/OS-0001")).isEqualTo(3);
            assertThat(ebay.sleeps).hasSize(2).allSatisfy(wait ->
                    assertThat(wait).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7700)));
        }
    }

    @Test
    void shouldGiveUpAsRateLimitAfterTheAttemptBudgetWithoutAStorm() {
        try (EbayFixture ebay = new EbayFixture(o -> o, p -> p.getLimits().setMaxAttempts(3))) {
            ebay.fake.traffic().rateLimitNext(10, 1);

            IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().getInventoryItem("OS-0001"));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
            assertThat(failure.getMessage()).contains("answered 429").contains("errorId 2001");
            assertThat(ebay.fake.requests("GET", "/inventory_item/OS-0001")).isEqualTo(3);
            assertThat(ebay.sleeps).hasSize(2);
        }
    }

    @Test
    void shouldFailAtOnceWhenRetryAfterIsLongerThanTheLongestWaitSoTheBusRetriesLater() {
        try (EbayFixture ebay = new EbayFixture()) {
            ebay.fake.traffic().rateLimitNext(1, 3600);

            IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().getInventoryItem("OS-0001"));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
            assertThat(ebay.sleeps).isEmpty();
        }
    }

    @Test
    void shouldKeepInsideTheFakesQuotaWithTheTokenBucket() {
        try (EbayFixture ebay = new EbayFixture(o -> o.withQuota(10, Duration.ofSeconds(1)), p -> {
            p.getLimits().setInventoryCallsPerSecond(5);
            p.getLimits().setBurst(5);
        })) {
            for (int n = 1; n <= 40; n++) {
                ebay.inventory().getInventoryItem(String.format("OS-%04d", n));
            }

            assertThat(ebay.fake.traffic().quotaRefusals()).isZero();
            assertThat(ebay.fake.requests("GET", "/inventory_item/")).isEqualTo(40);
            assertThat(ebay.sleeps.stream().reduce(Duration.ZERO, Duration::plus))
                    .as("35 calls beyond the burst at 5 per second").isBetween(Duration.ofMillis(6990), Duration.ofMillis(7010));
        }
    }

    @Test
    void shouldRunIntoTheQuotaWithoutTheBucketAndRecoverThroughRetryAfter() {
        try (EbayFixture ebay = new EbayFixture(o -> o.withQuota(10, Duration.ofSeconds(1)), p -> {
            p.getLimits().setInventoryCallsPerSecond(1000);
            p.getLimits().setBurst(1000);
        })) {
            for (int n = 1; n <= 40; n++) {
                ebay.inventory().getInventoryItem(String.format("OS-%04d", n));
            }

            assertThat(ebay.fake.traffic().quotaRefusals()).as("the control: a loose bucket exceeds the quota").isPositive();
            assertThat(ebay.fake.requests("GET", "/inventory_item/") - ebay.fake.traffic().quotaRefusals()).isEqualTo(40);
        }
    }

    @Test
    void shouldRepeatAReadAfterA500ButNeverACreatingCall() {
        try (EbayFixture ebay = new EbayFixture()) {
            ebay.fake.traffic().failNext(1);
            assertThat(ebay.inventory().getInventoryItem("OS-0001")).isPresent();
            assertThat(ebay.fake.requests("GET", "/inventory_item/OS-0001")).isEqualTo(2);

            String orderId = ebay.fake.orders().placeOrder("EBAY_US", null, List.of(new EbayOrders.Line("OS-0002", 1)));
            String lineItemId = ebay.fulfillment().getOrder(orderId).orElseThrow().at("/lineItems/0/lineItemId").asText();
            ebay.fake.traffic().failNext(1);
            IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> ebay.fulfillment()
                    .createShippingFulfillment(orderId, new EbayShipment(List.of(new EbayShipment.Line(lineItemId, 1)),
                            "USPS", "9400100000000000000009", ebay.clock.instant())));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
            assertThat(ebay.fake.requests("POST", "/shipping_fulfillment")).isEqualTo(1);
        }
    }
}
