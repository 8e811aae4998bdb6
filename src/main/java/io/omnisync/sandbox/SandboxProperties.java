package io.omnisync.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The sandbox, {@code omnisync.sandbox.*}: in-process fakes of every external system and demo traffic. */
@Validated
@ConfigurationProperties("omnisync.sandbox")
public class SandboxProperties {

    /** Starts the fakes; never in production. */
    private boolean enabled;

    @Valid
    private final Magento magento = new Magento();

    @Valid
    private final Demo demo = new Demo();

    /** File the sandbox writes its generated admin password to (user admin), unless omnisync.admin.users is set. */
    private String adminPasswordFile = "data/sandbox-admin-password";

    public String getAdminPasswordFile() {
        return adminPasswordFile;
    }

    public void setAdminPasswordFile(String adminPasswordFile) {
        this.adminPasswordFile = adminPasswordFile;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Magento getMagento() {
        return magento;
    }

    public Demo getDemo() {
        return demo;
    }

    /** The Magento fake. */
    public static class Magento {

        /** Loopback port of the fake; picked free at start-up unless set. */
        @Min(value = 1, message = "must be a TCP port between 1 and 65535")
        @Max(value = 65535, message = "must be a TCP port between 1 and 65535")
        private int port = 18080;

        /** Consumer key of the fake's integration; generated at start-up. */
        private String consumerKey;

        /** Consumer secret of the fake's integration; generated at start-up. */
        private String consumerSecret;

        /** Access token of the fake's integration; generated at start-up. */
        private String accessToken;

        /** Access token secret of the fake's integration; generated at start-up. */
        private String accessTokenSecret;

        /** Verification token of the fake's async-events subscriptions; generated at start-up. */
        private String webhookSecret;

        /** Whether the fake also calls omnisync's Adobe Commerce webhooks (besides async events) when its data changes. */
        private boolean adobeCommerceWebhooks = true;

        /** Private key (PKCS#8 PEM) the fake signs Adobe Commerce webhooks with; generated at start-up with its public key. */
        private String adobeCommercePrivateKey;

        /** Public key (PEM) of the fake's Adobe Commerce webhook key pair; generated at start-up. */
        private String adobeCommercePublicKey;

        /** Whether the fake enforces Magento's input limits (20 array items, 300 per page). */
        private boolean inputLimitsEnabled = true;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getConsumerKey() {
            return consumerKey;
        }

        public void setConsumerKey(String consumerKey) {
            this.consumerKey = consumerKey;
        }

        public String getConsumerSecret() {
            return consumerSecret;
        }

        public void setConsumerSecret(String consumerSecret) {
            this.consumerSecret = consumerSecret;
        }

        public String getAccessTokenSecret() {
            return accessTokenSecret;
        }

        public void setAccessTokenSecret(String accessTokenSecret) {
            this.accessTokenSecret = accessTokenSecret;
        }

        public String getAccessToken() {
            return accessToken;
        }

        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }

        public String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        public boolean isAdobeCommerceWebhooks() {
            return adobeCommerceWebhooks;
        }

        public void setAdobeCommerceWebhooks(boolean adobeCommerceWebhooks) {
            this.adobeCommerceWebhooks = adobeCommerceWebhooks;
        }

        public String getAdobeCommercePrivateKey() {
            return adobeCommercePrivateKey;
        }

        public void setAdobeCommercePrivateKey(String adobeCommercePrivateKey) {
            this.adobeCommercePrivateKey = adobeCommercePrivateKey;
        }

        public String getAdobeCommercePublicKey() {
            return adobeCommercePublicKey;
        }

        public void setAdobeCommercePublicKey(String adobeCommercePublicKey) {
            this.adobeCommercePublicKey = adobeCommercePublicKey;
        }

        public boolean isInputLimitsEnabled() {
            return inputLimitsEnabled;
        }

        public void setInputLimitsEnabled(boolean inputLimitsEnabled) {
            this.inputLimitsEnabled = inputLimitsEnabled;
        }
    }

    /** The demo traffic generator. */
    public static class Demo {

        /** Whether the fakes produce changes on their own. */
        private boolean enabled = true;

        /** Time between two generated changes. */
        @NotNull
        @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 500ms")
        private Duration interval = Duration.ofMillis(500);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
