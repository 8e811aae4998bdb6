package io.omnisync.connector.amazon;

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

/** An enabled Amazon connector without its required values stops start-up naming each key. */
class AmazonConfigurationRefusalTest {

    @Test
    void shouldNameEveryMissingAmazonPropertyWithoutShowingSecrets() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.amazon.enabled=true",
                "--omnisync.connector.amazon.client-secret=short-but-secret");

        assertThat(analysis.getDescription())
                .contains("omnisync.connector.amazon.endpoint = (not set)")
                .contains("omnisync.connector.amazon.client-id = (not set)")
                .contains("omnisync.connector.amazon.refresh-token = (not set)")
                .contains("omnisync.connector.amazon.seller-id = (not set)")
                .contains("omnisync.connector.amazon.marketplaces")
                .contains("must be set when omnisync.connector.amazon.enabled=true")
                .doesNotContain("short-but-secret");
    }

    @Test
    void shouldRefuseAnUnresolvedSecretAndAnUnknownUsagePlanOperation() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.amazon.enabled=true",
                "--omnisync.connector.amazon.endpoint=https://sellingpartnerapi-eu.amazon.com",
                "--omnisync.connector.amazon.client-id=amzn1.application-oa2-client.x",
                "--omnisync.connector.amazon.client-secret=${OMNISYNC_TEST_UNSET_AMAZON_SECRET}",
                "--omnisync.connector.amazon.refresh-token=Atzr|x",
                "--omnisync.connector.amazon.seller-id=A2SELLER",
                "--omnisync.connector.amazon.marketplaces=A1PA6795UKMFR9",
                "--omnisync.connector.amazon.usage-plans.getOrdersFast.rate=1");

        assertThat(analysis.getDescription())
                .contains("omnisync.connector.amazon.client-secret = (secret, not shown)")
                .contains("set the environment variable OMNISYNC_TEST_UNSET_AMAZON_SECRET")
                .contains("unknown operation 'getOrdersFast'");
    }

    private static FailureAnalysis startAndAnalyse(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.datasource.url=jdbc:h2:mem:amazon-refusal;DB_CLOSE_DELAY=-1";
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(OmnisyncApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(all).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BindValidationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a validation failure in " + failure).isInstanceOf(BindValidationException.class);
        return new ConfigurationFailureAnalyzer().analyze(failure);
    }
}
