package io.omnisync.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omnisync.OmnisyncApplication;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong configuration stops start-up with a message naming the property and what to set. */
class ConfigurationRefusalTest {

    @Test
    void shouldNameTheMagentoBaseUrlWhenItIsNotAUrl() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.magento.enabled=true",
                "--omnisync.connector.magento.base-url=not-a-url",
                "--omnisync.connector.magento.webhook-secrets=0123456789abcdef0123");

        assertThat(analysis.getDescription()).contains("omnisync.connector.magento.base-url = 'not-a-url'")
                .contains("must be an absolute http(s) URL such as https://shop.example.com");
        assertThat(analysis.getAction()).contains("Set each property above");
    }

    @Test
    void shouldNameTheKafkaBrokersWhenTheKafkaBusHasNone() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.bus.kind=kafka");

        assertThat(analysis.getDescription()).contains("omnisync.bus.kind is kafka, so set omnisync.bus.kafka.bootstrap-servers");
    }

    @Test
    void shouldRefuseALeaderHeartbeatThatCannotRenewTheLockInTime() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.leader.lock-ttl=4s", "--omnisync.leader.heartbeat=3s");

        assertThat(analysis.getDescription()).contains("omnisync.leader.heartbeat must be at most half of omnisync.leader.lock-ttl");
    }

    @Test
    void shouldNameEveryMissingPropertyOfAnEnabledConnectorWithoutShowingSecrets() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.magento.enabled=true",
                "--omnisync.connector.magento.webhook-secrets=tiny-secret");

        assertThat(analysis.getDescription())
                .contains("omnisync.connector.magento.base-url = (not set)")
                .contains("must be set when omnisync.connector.magento.enabled=true")
                .contains("omnisync.connector.magento.webhook-secrets = (secret, not shown)")
                .doesNotContain("tiny-secret");
    }

    @Test
    void shouldRefuseASecretWhoseEnvironmentVariableIsNotSetInsteadOfUsingThePlaceholderAsTheSecret() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.magento.enabled=true",
                "--omnisync.connector.magento.base-url=https://shop.example.com",
                "--omnisync.connector.magento.webhook-secrets=${OMNISYNC_TEST_UNSET_SECRET_VARIABLE}");

        assertThat(analysis.getDescription()).contains("omnisync.connector.magento.webhook-secrets = (secret, not shown)")
                .contains("set the environment variable OMNISYNC_TEST_UNSET_SECRET_VARIABLE");
    }

    @Test
    void shouldNameAnAdobeCommercePublicKeyThatCannotBeParsed() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.connector.magento.enabled=true",
                "--omnisync.connector.magento.base-url=https://shop.example.com",
                "--omnisync.connector.magento.webhook-secrets=0123456789abcdef0123",
                "--omnisync.connector.magento.adobe-commerce-public-keys=src/test/resources/adobe-commerce/rotated-public.pem,"
                        + "src/test/resources/adobe-commerce/not-a-key.pem,"
                        + "-----BEGIN PUBLIC KEY-----bm90IGEga2V5-----END PUBLIC KEY-----");

        assertThat(analysis.getDescription())
                .doesNotContain("adobe-commerce-public-keys[0]")
                .contains("omnisync.connector.magento.adobe-commerce-public-keys[1]")
                .contains("not-a-key.pem, which is not a PEM public key")
                .contains("omnisync.connector.magento.adobe-commerce-public-keys[2]")
                .contains("is not a readable RSA public key")
                .contains("Regenerate key pair");
    }

    @Test
    void shouldRefuseARetentionShorterThanTheLongestSenderRetryWindow() {
        FailureAnalysis analysis = startAndAnalyse("--omnisync.retention.journal=1d");

        assertThat(analysis.getDescription()).contains("omnisync.retention.journal")
                .contains("must be at least 3d: Stripe retries a webhook for 3 days");
    }

    @Test
    void shouldRefuseASecretWrittenAsALiteralInAConfigurationFile() {
        Throwable failure = catchThrowable(() -> app("--spring.config.additional-location=classpath:literal-secret.yaml").run());

        assertThat(failure).isInstanceOf(LiteralSecretException.class);
        FailureAnalysis analysis = new LiteralSecretFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("omnisync.connector.magento.access-token")
                .contains("literal-secret.yaml").doesNotContain("hunter2-literal-token");
        assertThat(analysis.getAction()).contains("${MAGENTO_WEBHOOK_SECRET}");
    }

    @Test
    void shouldRecogniseSecretPropertyNames() {
        assertThat(List.of("omnisync.connector.magento.access-token", "omnisync.connector.magento.webhook-secrets[0]",
                "spring.datasource.password", "omnisync.connector.ebay.clientSecret"))
                .allMatch(SecretNames::isSecret);
        assertThat(List.of("omnisync.connector.magento.base-url", "omnisync.bus.consumers", "spring.datasource.username"))
                .noneMatch(SecretNames::isSecret);
    }

    private static FailureAnalysis startAndAnalyse(String... args) {
        Throwable failure = catchThrowable(() -> app(args).run());
        assertThat(failure).as("start-up must fail").isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BindValidationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a validation failure in " + failure).isInstanceOf(BindValidationException.class);
        return new ConfigurationFailureAnalyzer().analyze(failure);
    }

    /** Starts omnisync without a web server on an in-memory database with the given arguments. */
    private static StartUp app(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.datasource.url=jdbc:h2:mem:refusal;DB_CLOSE_DELAY=-1";
        return () -> new SpringApplicationBuilder(OmnisyncApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run(all).close();
    }

    private interface StartUp {
        void run();
    }
}
