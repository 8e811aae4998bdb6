package io.omnisync.connector.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The user access token: refreshed from the refresh token, reused, renewed before expiry and after a 401. */
class EbayAuthTest {

    @Test
    void shouldRefreshOnceAndReuseTheTokenUntilShortlyBeforeItExpires() {
        try (EbayFixture ebay = new EbayFixture()) {
            ebay.inventory().getInventoryItem("OS-0001");
            ebay.inventory().getInventoryItem("OS-0002");
            assertThat(ebay.fake.tokensIssued()).isEqualTo(1);

            ebay.clock.advance(Duration.ofHours(2).minusMinutes(4));
            assertThat(ebay.inventory().getInventoryItem("OS-0003")).isPresent();

            assertThat(ebay.fake.tokensIssued()).as("renewed inside the 5-minute margin, before eBay would refuse it")
                    .isEqualTo(2);
            assertThat(ebay.fake.requests("GET", "/inventory_item/")).isEqualTo(3);
        }
    }

    @Test
    void shouldLogInAgainAndRepeatTheCallWhenEbayRefusesAnExpiredToken() {
        try (EbayFixture ebay = new EbayFixture()) {
            ebay.inventory().getInventoryItem("OS-0001");
            ebay.fake.expireTokens();

            assertThat(ebay.inventory().getInventoryItem("OS-0002")).isPresent();

            assertThat(ebay.fake.tokensIssued()).isEqualTo(2);
            assertThat(ebay.fake.requests("GET", "/inventory_item/OS-0002")).as("refused once, then repeated").isEqualTo(2);
        }
    }

    @Test
    void shouldNameTheRefreshTokenWhenEbayRefusesIt() {
        try (EbayFixture ebay = new EbayFixture(o -> o, p -> p.setRefreshToken("v^1.1#r^1#stale-grant-4711"))) {
            IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().getInventoryItem("OS-0001"));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("invalid_grant").contains("omnisync.connector.ebay.refresh-token")
                    .doesNotContain("stale-grant-4711");
        }
    }

    @Test
    void shouldNameTheClientCredentialsWhenEbayRefusesThem() {
        try (EbayFixture ebay = new EbayFixture(o -> o, p -> p.setClientSecret("wrong-secret"))) {
            IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().getInventoryItem("OS-0001"));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("invalid_client")
                    .contains("omnisync.connector.ebay.client-id and omnisync.connector.ebay.client-secret");
        }
    }

    @Test
    void shouldFailAsAValueNamingTheCredentialWhenEvenAFreshTokenIsRefused() {
        try (EbayFixture ebay = new EbayFixture(o -> o, p -> p.setScopes(
                java.util.List.of("https://api.ebay.com/oauth/api_scope/sell.fulfillment")))) {
            IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().getInventoryItem("OS-0001"));

            assertThat(failure.errorClass()).as("403 without the inventory scope").isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("errorId 1100").contains("Insufficient permissions");
        }
    }

    @Test
    void shouldGiveUpAfterOneRefreshWhenEveryTokenIsRefused() {
        try (EbayFixture ebay = new EbayFixture(o -> o.withTokenLifetime(Duration.ZERO), p -> { })) {
            IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().getInventoryItem("OS-0001"));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("answered 401").contains("errorId 1001")
                    .contains("check omnisync.connector.ebay.refresh-token");
            assertThat(ebay.fake.requests("GET", "/inventory_item/OS-0001")).isEqualTo(2);
        }
    }
}
