package io.omnisync.connector.pos;

import io.omnisync.platform.config.HttpUrl;
import io.omnisync.platform.config.Placeholders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/** The POS connector (Square API v2), {@code omnisync.connector.pos.*}. Secrets only as ${ENV} references. */
@Validated
@ConfigurationProperties("omnisync.connector.pos")
public class PosProperties implements Validator {

    private static final String PREFIX = "omnisync.connector.pos.";

    /** Whether omnisync talks to the POS at all; off, no POS bean exists, its flow stays down and its webhooks answer 404. */
    private boolean enabled;

    /** Base URL of the POS API, without /v2, e.g. https://connect.squareup.com (sandbox: https://connect.squareupsandbox.com). */
    @HttpUrl
    private String baseUrl = "https://connect.squareup.com";

    /** The seller's access token, sent as Bearer; secret, from the environment. */
    private String accessToken;

    /** Square-Version header sent with every call: the API version the connector was written against. */
    private String squareVersion = "2025-08-20";

    /** Signature keys of the POS's webhook subscriptions; several during a rotation; secrets, from the environment. */
    private List<String> webhookSecrets = new ArrayList<>();

    /** Public URLs the webhook subscriptions point at, without the event type, e.g. https://omnisync.example.com/webhooks/pos; the POS signs this URL, a slash and the event type. */
    private List<String> notificationUrls = new ArrayList<>();

    /** Time allowed to open a connection to the POS. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 5s")
    @DurationMax(seconds = 60, message = "must be at most 60s, e.g. 5s")
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Time allowed for the POS to answer one request. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 30s")
    @DurationMax(minutes = 10, message = "must be at most 10m, e.g. 30s")
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Client-side rate limit and retries of 429 and transient failures. */
    @Valid
    @NestedConfigurationProperty
    private final PosLimits limits = new PosLimits();

    @Override
    public boolean supports(Class<?> type) {
        return PosProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        PosProperties p = (PosProperties) target;
        if (p.squareVersion == null || !p.squareVersion.matches("\\d{4}-\\d{2}-\\d{2}")) {
            errors.rejectValue("squareVersion", "invalid", "must be a Square API version date such as 2025-08-20");
        }
        if (!p.enabled) {
            return;
        }
        if (p.baseUrl == null || p.baseUrl.isBlank()) {
            errors.rejectValue("baseUrl", "required", "must be set when " + PREFIX + "enabled=true: e.g. https://connect.squareup.com");
        }
        if (p.accessToken == null || p.accessToken.isBlank()) {
            errors.rejectValue("accessToken", "required", "must be set when " + PREFIX + "enabled=true: the seller's "
                    + "access token, from the environment, e.g. ${SQUARE_ACCESS_TOKEN}");
        }
        if (p.webhookSecrets.isEmpty() || p.webhookSecrets.stream().anyMatch(s -> s == null || s.isBlank())) {
            errors.rejectValue("webhookSecrets", "required", "must list the signature key of each webhook subscription "
                    + "when " + PREFIX + "enabled=true (POS sales arrive by webhook), from the environment, e.g. ${SQUARE_WEBHOOK_KEY}");
        }
        if (p.notificationUrls.isEmpty() || p.notificationUrls.stream().anyMatch(u -> !absoluteHttpUrl(u))) {
            errors.rejectValue("notificationUrls", "invalid", "must list the public URL the webhook subscriptions "
                    + "point at, without the event type, e.g. https://omnisync.example.com/webhooks/pos (the POS signs "
                    + "that URL; omnisync never rebuilds it from the request, which a proxy may change)");
        }
        Placeholders.rejectUnresolved(errors, "accessToken", p.accessToken);
        p.webhookSecrets.forEach(secret -> Placeholders.rejectUnresolved(errors, "webhookSecrets", secret));
    }

    private static boolean absoluteHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getQuery() == null && !value.endsWith("/");
        } catch (Exception e) {
            return false;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getSquareVersion() {
        return squareVersion;
    }

    public void setSquareVersion(String squareVersion) {
        this.squareVersion = squareVersion;
    }

    public List<String> getWebhookSecrets() {
        return webhookSecrets;
    }

    public void setWebhookSecrets(List<String> webhookSecrets) {
        this.webhookSecrets = webhookSecrets;
    }

    public List<String> getNotificationUrls() {
        return notificationUrls;
    }

    public void setNotificationUrls(List<String> notificationUrls) {
        this.notificationUrls = notificationUrls;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public PosLimits getLimits() {
        return limits;
    }

    @Override
    public String toString() {
        return "PosProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", squareVersion=" + squareVersion
                + ", notificationUrls=" + notificationUrls + ", secrets=***]";
    }
}
