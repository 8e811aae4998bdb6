package io.omnisync.connector.amazon;

import io.omnisync.platform.config.HttpUrl;
import io.omnisync.platform.config.Placeholders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/** The Amazon Selling Partner API connector, {@code omnisync.connector.amazon.*}. Secrets only as ${ENV} references. */
@Validated
@ConfigurationProperties("omnisync.connector.amazon")
public class AmazonProperties implements Validator {

    /** Whether omnisync talks to Amazon at all; off, its routes stay down and nothing else is blocked. */
    private boolean enabled;

    /** The SP-API regional endpoint, e.g. https://sellingpartnerapi-eu.amazon.com (na, eu or fe). */
    @HttpUrl
    private String endpoint;

    /** Login with Amazon's token endpoint, where the refresh token is exchanged for access tokens. */
    @HttpUrl
    private String lwaEndpoint = "https://api.amazon.com/auth/o2/token";

    /** The LWA client id of the SP-API application (amzn1.application-oa2-client....). */
    private String clientId;

    /** The LWA client secret of the SP-API application; secret, from the environment. */
    private String clientSecret;

    /** The refresh token the seller's authorisation of the application produced; secret, from the environment. */
    private String refreshToken;

    /** The seller (merchant token) whose listings are written, e.g. A2EXAMPLE1SELLER. */
    private String sellerId;

    /** Marketplace ids omnisync reads orders from and writes listings to, e.g. ATVPDKIKX0DER, A1PA6795UKMFR9. */
    private List<String> marketplaces = new ArrayList<>();

    /** Amazon product type sent with listing patches (patchListingsItem and feed messages require one). */
    @NotNull
    private String productType = "PRODUCT";

    /** Time allowed to open a connection to Amazon. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 5s")
    @DurationMax(seconds = 60, message = "must be at most 60s, e.g. 5s")
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Time allowed for Amazon to answer one request. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 30s")
    @DurationMax(minutes = 10, message = "must be at most 10m, e.g. 30s")
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Longest a call waits for its usage plan (or a Retry-After) before it fails as RATE_LIMIT and is retried later. */
    @NotNull
    @DurationMin(seconds = 0, message = "must not be negative, e.g. 30s")
    private Duration maxRateLimitWait = Duration.ofSeconds(30);

    /** Times one call is sent again after a 429, each after the wait Amazon asked for. */
    @Min(value = 0, message = "must be 0 or more, e.g. 2")
    @Max(value = 10, message = "must be at most 10, e.g. 2")
    private int rateLimitRetries = 2;

    /** Orders per getOrders page (1-100). */
    @Min(value = 1, message = "must be between 1 and 100")
    @Max(value = 100, message = "must be between 1 and 100: Amazon refuses larger pages")
    private int ordersPageSize = 100;

    /**
     * From this many changes of one marketplace in one push on, they go as one JSON_LISTINGS_FEED (6 calls however many
     * SKUs it carries) instead of one patchListingsItem each. Amazon's createFeed plan allows about one feed per two
     * minutes, so the default keeps feeds for bulk changes; with a larger createFeed plan, a feed costs fewer calls from 7.
     */
    @Min(value = 2, message = "must be between 2 and 25000, e.g. 50")
    @Max(value = 25_000, message = "must be between 2 and 25000: a listings feed holds at most 25000 messages")
    private int feedFrom = 50;

    /** Time between two getFeed polls while a listings feed is processed. */
    @NotNull
    @DurationMin(seconds = 1, message = "must be at least 1s, e.g. 30s")
    private Duration feedPollInterval = Duration.ofSeconds(30);

    /** Longest a listings feed may take to process before omnisync stops waiting for it. */
    @NotNull
    @DurationMin(minutes = 1, message = "must be at least 1m, e.g. 45m")
    private Duration feedTimeout = Duration.ofMinutes(45);

    /** Per-operation usage plans (rate per second, burst) replacing Amazon's defaults, keyed by operation, e.g. getOrders. */
    @Valid
    private Map<String, UsagePlan> usagePlans = new LinkedHashMap<>();

    @Override
    public boolean supports(Class<?> type) {
        return AmazonProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        AmazonProperties p = (AmazonProperties) target;
        for (String operation : p.usagePlans.keySet()) {
            if (SpApiOperation.byName(operation).isEmpty()) {
                errors.rejectValue("usagePlans", "unknown", "names an unknown operation '" + operation + "': use one of "
                        + SpApiOperation.names());
            }
        }
        if (!p.enabled) {
            return;
        }
        require(errors, "endpoint", p.endpoint, "the SP-API regional endpoint, e.g. https://sellingpartnerapi-eu.amazon.com");
        require(errors, "clientId", p.clientId, "the LWA client id of your SP-API application (Developer Central)");
        require(errors, "clientSecret", p.clientSecret, "from the environment, e.g. ${AMAZON_LWA_CLIENT_SECRET}");
        require(errors, "refreshToken", p.refreshToken, "from the environment, e.g. ${AMAZON_LWA_REFRESH_TOKEN}");
        require(errors, "sellerId", p.sellerId, "your merchant token (Seller Central > Settings > Account Info)");
        if (p.marketplaces.isEmpty() || p.marketplaces.stream().anyMatch(m -> m == null || !m.matches("[A-Z0-9]{10,14}"))) {
            errors.rejectValue("marketplaces", "required", "must list the marketplace ids to sync when "
                    + "omnisync.connector.amazon.enabled=true, e.g. ATVPDKIKX0DER,A1PA6795UKMFR9");
        }
        for (String field : List.of("endpoint", "lwaEndpoint", "clientId", "clientSecret", "refreshToken", "sellerId")) {
            Placeholders.rejectUnresolved(errors, field, String.valueOf(errors.getFieldValue(field)));
        }
    }

    private static void require(Errors errors, String field, String value, String hint) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "required", "must be set when omnisync.connector.amazon.enabled=true: " + hint);
        }
    }

    /** A usage plan of one operation: tokens per second and bucket size. */
    public static class UsagePlan {

        /** Sustained requests per second. */
        @DecimalMin(value = "0.0001", message = "must be positive, e.g. 0.5")
        private double rate;

        /** Requests allowed at once (bucket size). */
        @Min(value = 1, message = "must be at least 1")
        private int burst = 1;

        public double getRate() {
            return rate;
        }

        public void setRate(double rate) {
            this.rate = rate;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }
    }

    @Override
    public String toString() {
        return "AmazonProperties[enabled=" + enabled + ", endpoint=" + endpoint + ", sellerId=" + sellerId
                + ", marketplaces=" + marketplaces + ", secrets=***]";
    }
    // getters and setters below

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getLwaEndpoint() {
        return lwaEndpoint;
    }

    public void setLwaEndpoint(String lwaEndpoint) {
        this.lwaEndpoint = lwaEndpoint;
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

    public String getSellerId() {
        return sellerId;
    }

    public void setSellerId(String sellerId) {
        this.sellerId = sellerId;
    }

    public List<String> getMarketplaces() {
        return marketplaces;
    }

    public void setMarketplaces(List<String> marketplaces) {
        this.marketplaces = marketplaces;
    }

    public String getProductType() {
        return productType;
    }

    public void setProductType(String productType) {
        this.productType = productType;
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

    public Duration getMaxRateLimitWait() {
        return maxRateLimitWait;
    }

    public void setMaxRateLimitWait(Duration maxRateLimitWait) {
        this.maxRateLimitWait = maxRateLimitWait;
    }

    public int getRateLimitRetries() {
        return rateLimitRetries;
    }

    public void setRateLimitRetries(int rateLimitRetries) {
        this.rateLimitRetries = rateLimitRetries;
    }

    public int getOrdersPageSize() {
        return ordersPageSize;
    }

    public void setOrdersPageSize(int ordersPageSize) {
        this.ordersPageSize = ordersPageSize;
    }

    public Duration getFeedPollInterval() {
        return feedPollInterval;
    }

    public void setFeedPollInterval(Duration feedPollInterval) {
        this.feedPollInterval = feedPollInterval;
    }

    public int getFeedFrom() {
        return feedFrom;
    }

    public void setFeedFrom(int feedFrom) {
        this.feedFrom = feedFrom;
    }

    public Duration getFeedTimeout() {
        return feedTimeout;
    }

    public void setFeedTimeout(Duration feedTimeout) {
        this.feedTimeout = feedTimeout;
    }

    public Map<String, UsagePlan> getUsagePlans() {
        return usagePlans;
    }

    public void setUsagePlans(Map<String, UsagePlan> usagePlans) {
        this.usagePlans = usagePlans;
    }
}
