package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.amazon.AmazonSeed;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Login with Amazon: cached access tokens, renewal before expiry, one re-login when SP-API says expired. */
class AmazonAuthTest {

    @Test
    void shouldLogInOnceAndReuseTheTokenUntilShortlyBeforeItExpires() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            AmazonListings listings = new AmazonListings(kit.client);
            listings.get("OS-0001", AmazonSeed.US);
            listings.get("OS-0002", AmazonSeed.US);
            assertThat(kit.fake.logins()).isEqualTo(1);

            kit.clock.advance(Duration.ofMinutes(58));
            listings.get("OS-0003", AmazonSeed.US);
            assertThat(kit.fake.logins()).as("still inside the hour minus a minute").isEqualTo(1);

            kit.clock.advance(Duration.ofMinutes(1));
            listings.get("OS-0004", AmazonSeed.US);
            assertThat(kit.fake.logins()).as("renewed a minute before expiry").isEqualTo(2);
        }
    }

    @Test
    void shouldLogInAgainOnceWhenAmazonSaysTheTokenExpired() {
        try (AmazonTestKit kit = new AmazonTestKit()) {
            AmazonListings listings = new AmazonListings(kit.client);
            listings.get("OS-0001", AmazonSeed.US);
            kit.fake.expireAccessTokens();

            assertThat(listings.get("OS-0001", AmazonSeed.US).quantity()).isNotNull();
            assertThat(kit.fake.logins()).isEqualTo(2);
            assertThat(kit.fake.requests("getListingsItem")).as("refused once, then sent again").isEqualTo(3);
        }
    }

    @Test
    void shouldNameTheRefreshTokenWhenLoginWithAmazonRefusesIt() {
        try (AmazonTestKit kit = new AmazonTestKit(o -> o, p -> p.setRefreshToken("Atzr|revoked"))) {
            IntegrationException failure = catchThrowableOfType(() -> new AmazonListings(kit.client).get("OS-0001", AmazonSeed.US),
                    IntegrationException.class);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("invalid_grant").contains("omnisync.connector.amazon.refresh-token")
                    .doesNotContain("Atzr|revoked");
        }
    }

    @Test
    void shouldNameTheClientCredentialsWhenLoginWithAmazonRefusesThem() {
        try (AmazonTestKit kit = new AmazonTestKit(o -> o, p -> p.setClientSecret("wrong-secret-0123456789"))) {
            IntegrationException failure = catchThrowableOfType(() -> kit.client.tokens().current(), IntegrationException.class);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("invalid_client").contains("client-id and client-secret")
                    .doesNotContain("wrong-secret");
        }
    }

    @Test
    void shouldReportA403ForAnotherSellerAsAValueErrorNamingTheCredentials() {
        try (AmazonTestKit kit = new AmazonTestKit(o -> o, p -> p.setSellerId("A9OTHERSELLER"))) {
            IntegrationException failure = catchThrowableOfType(() -> new AmazonListings(kit.client).get("OS-0001", AmazonSeed.US),
                    IntegrationException.class);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("403").contains("Unauthorized").contains("refresh-token");
            assertThat(kit.fake.logins()).as("not mistaken for an expired token").isEqualTo(1);
        }
    }
}
