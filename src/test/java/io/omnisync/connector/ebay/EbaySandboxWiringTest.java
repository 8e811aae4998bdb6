package io.omnisync.connector.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.support.SandboxTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** The sandbox profile starts the eBay fake with generated credentials and points the connector at it. */
@SandboxTest
class EbaySandboxWiringTest {

    @Autowired
    EbayFake fake;

    @Autowired
    EbayInventory inventory;

    @Autowired
    @Qualifier("ebayHealthIndicator")
    HealthIndicator health;

    @Test
    void shouldReachTheFakeWithTheGeneratedCredentialsAndReportHealthy() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(inventory.getOffers("OS-0001", "EBAY_DE")).singleElement()
                .satisfies(o -> assertThat(o.at("/pricingSummary/price/currency").asText()).isEqualTo("EUR"));
        assertThat(fake.tokensIssued()).isPositive();
    }
}
