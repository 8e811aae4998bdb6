package io.omnisync.connector.pos;

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

/** An enabled POS connector without what it needs stops start-up, naming each key and never a secret. */
class PosConfigurationRefusalTest {

    @Test
    void shouldNameEveryMissingSettingOfTheEnabledConnector() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.pos.enabled=true",
                "--omnisync.connector.pos.webhook-secrets=signature-key-not-to-be-shown");

        assertThat(analysis.getDescription())
                .contains("omnisync.connector.pos.access-token = (not set)")
                .contains("must be set when omnisync.connector.pos.enabled=true")
                .contains("omnisync.connector.pos.notification-urls")
                .contains("https://omnisync.example.com/webhooks/pos")
                .doesNotContain("signature-key-not-to-be-shown");
    }

    @Test
    void shouldRefuseARequestDependentNotificationUrlAnUnsetTokenVariableAndABadVersion() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.pos.enabled=true",
                "--omnisync.connector.pos.access-token=${OMNISYNC_TEST_UNSET_POS_TOKEN}",
                "--omnisync.connector.pos.webhook-secrets=key", "--omnisync.connector.pos.notification-urls=/webhooks/pos",
                "--omnisync.connector.pos.square-version=latest");

        assertThat(analysis.getDescription())
                .contains("omnisync.connector.pos.access-token = (secret, not shown)")
                .contains("set the environment variable OMNISYNC_TEST_UNSET_POS_TOKEN")
                .contains("omnisync.connector.pos.notification-urls = '[/webhooks/pos]'")
                .contains("omnisync.connector.pos.square-version = 'latest'")
                .contains("must be a Square API version date such as 2025-08-20");
    }

    private static FailureAnalysis startAndAnalyse(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.datasource.url=jdbc:h2:mem:pos-refusal;DB_CLOSE_DELAY=-1";
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
