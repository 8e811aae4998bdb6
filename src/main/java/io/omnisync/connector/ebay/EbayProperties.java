package io.omnisync.connector.ebay;

import io.omnisync.platform.config.HttpUrl;
import io.omnisync.platform.config.Placeholders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

/** The eBay Sell APIs connector, {@code omnisync.connector.ebay.*}. Secrets only as ${ENV} references. */
@Validated
@ConfigurationProperties("omnisync.connector.ebay")
public class EbayProperties implements Validator {

    private static final String PREFIX = "omnisync.connector.ebay.";

    /** Whether omnisync talks to eBay at all; off, no eBay bean exists and nothing else is blocked. */
    private boolean enabled;

    /** Base URL of the Sell APIs, without /sell, e.g. https://api.ebay.com (sandbox: https://api.sandbox.ebay.com). */
    @HttpUrl
    private String apiBaseUrl = "https://api.ebay.com";

    /** OAuth token endpoint the user access token is refreshed at. */
    @HttpUrl
    private String tokenUrl = "https://api.ebay.com/identity/v1/oauth2/token";

    /** The application's client id (App ID) from the eBay developer portal. */
    private String clientId;

    /** The application's client secret (Cert ID); secret, from the environment. */
    private String clientSecret;

    /** The seller's OAuth refresh token (about 18 months valid); secret, from the environment. */
    private String refreshToken;

    /** Marketplaces the seller lists on, e.g. EBAY_US, EBAY_DE; the first is the default. */
    private List<String> marketplaces = new ArrayList<>(List.of("EBAY_US"));

    /** OAuth scopes requested with the refresh token; the token must have been granted them. */
    private List<String> scopes = new ArrayList<>(List.of("https://api.ebay.com/oauth/api_scope/sell.inventory",
            "https://api.ebay.com/oauth/api_scope/sell.fulfillment"));

    /** How long before its expiry the access token is renewed. */
    @NotNull
    @DurationMin(seconds = 10, message = "must be at least 10s, e.g. 5m")
    @DurationMax(minutes = 60, message = "must be at most 60m: eBay access tokens live about 2 hours")
    private Duration tokenRenewalMargin = Duration.ofMinutes(5);

    /** Orders per page when reading orders; eBay allows at most 200. */
    @Min(value = 1, message = "must be at least 1, e.g. 50")
    @Max(value = 200, message = "must be at most 200: eBay refuses larger pages")
    private int orderPageSize = 50;

    /** Time allowed to open a connection to eBay. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 5s")
    @DurationMax(seconds = 60, message = "must be at most 60s, e.g. 5s")
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Time allowed for eBay to answer one request. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 30s")
    @DurationMax(minutes = 10, message = "must be at most 10m, e.g. 30s")
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Client-side rate limits and retries of 429 and transient failures. */
    @Valid
    @NestedConfigurationProperty
    private final EbayLimits limits = new EbayLimits();

    @Override
    public boolean supports(Class<?> type) {
        return EbayProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        EbayProperties p = (EbayProperties) target;
        if (!p.enabled) {
            return;
        }
        require(errors, "apiBaseUrl", p.apiBaseUrl, "e.g. https://api.ebay.com");
        require(errors, "tokenUrl", p.tokenUrl, "e.g. https://api.ebay.com/identity/v1/oauth2/token");
        require(errors, "clientId", p.clientId, "the App ID of the application in the eBay developer portal");
        require(errors, "clientSecret", p.clientSecret, "the Cert ID of the application, from the environment, "
                + "e.g. ${EBAY_CLIENT_SECRET}");
        require(errors, "refreshToken", p.refreshToken, "the seller's refresh token from the consent flow, "
                + "from the environment, e.g. ${EBAY_REFRESH_TOKEN}");
        if (p.marketplaces.isEmpty() || p.marketplaces.stream().anyMatch(m -> m == null || !m.matches("EBAY_[A-Z_]+"))) {
            errors.rejectValue("marketplaces", "invalid", "must list eBay marketplace ids such as EBAY_US, EBAY_DE");
        }
        if (p.scopes.isEmpty() || p.scopes.stream().anyMatch(s -> s == null || !s.startsWith("https://api.ebay.com/oauth/"))) {
            errors.rejectValue("scopes", "invalid", "must list OAuth scopes such as "
                    + "https://api.ebay.com/oauth/api_scope/sell.inventory");
        }
        Placeholders.rejectUnresolved(errors, "clientId", p.clientId);
        Placeholders.rejectUnresolved(errors, "clientSecret", p.clientSecret);
        Placeholders.rejectUnresolved(errors, "refreshToken", p.refreshToken);
    }

    private static void require(Errors errors, String field, String value, String hint) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "required", "must be set when " + PREFIX + "enabled=true: " + hint);
        }
    }

    /** The marketplace used when a call names none. */
    public String defaultMarketplace() {
        return marketplaces.get(0);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public List<String> getMarketplaces() {
        return marketplaces;
    }

    public void setMarketplaces(List<String> marketplaces) {
        this.marketplaces = marketplaces;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public Duration getTokenRenewalMargin() {
        return tokenRenewalMargin;
    }

    public void setTokenRenewalMargin(Duration tokenRenewalMargin) {
        this.tokenRenewalMargin = tokenRenewalMargin;
    }

    public int getOrderPageSize() {
        return orderPageSize;
    }

    public void setOrderPageSize(int orderPageSize) {
        this.orderPageSize = orderPageSize;
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

    public EbayLimits getLimits() {
        return limits;
    }

    @Override
    public String toString() {
        return "EbayProperties[enabled=" + enabled + ", apiBaseUrl=" + apiBaseUrl + ", tokenUrl=" + tokenUrl
                + ", clientId=" + clientId + ", marketplaces=" + marketplaces + ", secrets=***]";
    }
}
