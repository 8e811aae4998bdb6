package io.omnisync.sandbox.pos;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The POS fake of the sandbox, {@code omnisync.sandbox.pos.*}; its access token and signature key are generated at start-up. */
@Validated
@ConfigurationProperties("omnisync.sandbox.pos")
public class PosSandboxProperties {

    static final String DEFAULT_NOTIFICATION_URL = "https://omnisync.sandbox.invalid/webhooks/pos";

    /** Loopback port of the POS fake; picked free at start-up unless set. */
    @Min(value = 1, message = "must be a TCP port between 1 and 65535")
    @Max(value = 65535, message = "must be a TCP port between 1 and 65535")
    private int port = 18082;

    /** Access token the POS fake accepts; generated at start-up. */
    private String accessToken;

    /** Signature key of the POS fake's webhook subscriptions; generated at start-up. */
    private String webhookSecret;

    /** Public URL the fake's webhook subscriptions name and sign (it delivers to omnisync's loopback port, as a reverse proxy would). */
    private String notificationUrl = "https://omnisync.sandbox.invalid/webhooks/pos";

    /** Time between two demo counter sales in the POS fake (when the demo is enabled). */
    @NotNull
    @DurationMin(seconds = 1, message = "must be at least 1s, e.g. 30s")
    private Duration saleInterval = Duration.ofSeconds(30);

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
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

    public String getNotificationUrl() {
        return notificationUrl;
    }

    public void setNotificationUrl(String notificationUrl) {
        this.notificationUrl = notificationUrl;
    }

    public Duration getSaleInterval() {
        return saleInterval;
    }

    public void setSaleInterval(Duration saleInterval) {
        this.saleInterval = saleInterval;
    }
}
