package io.omnisync.connector.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omnisync.OmnisyncApplication;
import io.omnisync.platform.config.ConfigurationFailureAnalyzer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An enabled eBay connector without what it needs stops start-up, naming each key and never a secret. */
class EbayConfigurationRefusalTest {

    @Test
    void shouldNameEveryMissingCredentialOfTheEnabledConnector() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.ebay.enabled=true",
                "--omnisync.connector.ebay.client-secret=cert-id-not-to-be-shown");

        assertThat(analysis.getDescription())
                .contains("omnisync.connector.ebay.client-id = (not set)")
                .contains("omnisync.connector.ebay.refresh-token = (not set)")
                .contains("must be set when omnisync.connector.ebay.enabled=true")
                .doesNotContain("cert-id-not-to-be-shown");
    }

    @Test
    void shouldRefuseAnUnknownMarketplaceAndAnUnsetSecretVariable() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.ebay.enabled=true",
                "--omnisync.connector.ebay.client-id=app-id", "--omnisync.connector.ebay.client-secret=cert-id",
                "--omnisync.connector.ebay.refresh-token=${OMNISYNC_TEST_UNSET_EBAY_REFRESH_TOKEN}",
                "--omnisync.connector.ebay.marketplaces=US");

        assertThat(analysis.getDescription()).contains("omnisync.connector.ebay.marketplaces")
                .contains("must list eBay marketplace ids such as EBAY_US, EBAY_DE")
                .contains("omnisync.connector.ebay.refresh-token = (secret, not shown)")
                .contains("set the environment variable OMNISYNC_TEST_UNSET_EBAY_REFRESH_TOKEN");
    }

    @Test
    void shouldRefuseAPageSizeEbayWouldRefuse() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.ebay.order-page-size=500");

        assertThat(analysis.getDescription()).contains("omnisync.connector.ebay.order-page-size = '500'")
                .contains("must be at most 200");
    }

    private static FailureAnalysis startAndAnalyse(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.datasource.url=jdbc:h2:mem:ebay-refusal;DB_CLOSE_DELAY=-1";
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(OmnisyncApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(all).close());
        assertThat(failure).as("start-up must fail").isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BindValidationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a validation failure in " + failure).isInstanceOf(BindValidationException.class);
        return new ConfigurationFailureAnalyzer().analyze(failure);
    }
}
