package io.omnisync.connector.magento;

import io.omnisync.platform.config.HttpUrl;
import io.omnisync.platform.config.Placeholders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/** The Magento hub connector, {@code omnisync.connector.magento.*}. Secrets only as ${ENV} references. */
@Validated
@ConfigurationProperties("omnisync.connector.magento")
public class MagentoProperties implements Validator {

    /** Whether omnisync talks to Magento at all; off, its routes and webhooks stay down and nothing else is blocked. */
    private boolean enabled;

    /** Magento's base URL, without /rest, e.g. https://shop.example.com. */
    @HttpUrl
    private String baseUrl;

    /** Store code used in /rest/<store_code>/V1 when a call has no store view of its own. */
    @Pattern(regexp = "[a-z0-9_]+", message = "must be a Magento store code such as default or all (a-z, 0-9, _)")
    private String storeCode = "default";

    /** How requests are authorised: oauth (integration credentials, OAuth 1.0a signing), admin-token or bearer (opt-in). */
    @NotNull(message = "must be oauth, admin-token or bearer")
    private AuthMode authMode = AuthMode.OAUTH;

    /** The integration's consumer key (oauth mode). */
    private String consumerKey;

    /** The integration's consumer secret (oauth mode); secret, from the environment. */
    private String consumerSecret;

    /** The integration's access token (oauth mode), or the token sent as Bearer (bearer mode); secret, from the environment. */
    private String accessToken;

    /** The integration's access token secret (oauth mode); secret, from the environment. */
    private String accessTokenSecret;

    /** The admin user that signs in for tokens (admin-token mode). */
    private String adminUsername;

    /** That admin user's password (admin-token mode); secret, from the environment. */
    private String adminPassword;

    /** How long Magento's admin tokens live (oauth/access_token_lifetime/admin); renewed ten minutes before. */
    @NotNull
    @DurationMin(minutes = 1, message = "must be at least 1m, e.g. 4h")
    private Duration adminTokenLifetime = Duration.ofHours(4);

    /** Verification tokens of the async-events subscriptions; several during a rotation; secrets, from the environment. */
    private List<String> webhookSecrets = new ArrayList<>();

    /** Public keys verifying Adobe Commerce webhooks, each PEM text or a PEM file path; several during a rotation; none: source off. */
    private List<String> adobeCommercePublicKeys = new ArrayList<>();

    /** Items per request for array inputs; Magento's input limit is 20 by default (webapi/validation/complex_array_limit). */
    @Min(value = 1, message = "must be at least 1, e.g. 20")
    @Max(value = 5000, message = "must be at most 5000, e.g. 20")
    private int arrayChunkSize = 20;

    /** Items per page when searching; Magento refuses more than 300 (webapi/validation/maximum_page_size). */
    @Min(value = 1, message = "must be at least 1, e.g. 100")
    @Max(value = 300, message = "must be at most 300: Magento refuses larger pages")
    private int pageSize = 100;

    /**
     * MSI source, assigned to no stock, where inbound stock (ERP goods receipts) is staged before Magento transfers it
     * to its destination source; omnisync alone writes it and keeps it at 0 between transfers.
     */
    @jakarta.validation.constraints.NotBlank(message = "must name an MSI source assigned to no stock, e.g. omnisync_inbound")
    private String inboundSource = "omnisync_inbound";

    public String getInboundSource() {
        return inboundSource;
    }

    public void setInboundSource(String inboundSource) {
        this.inboundSource = inboundSource;
    }

    /** Time allowed to open a connection to Magento. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 5s")
    @DurationMax(seconds = 60, message = "must be at most 60s, e.g. 5s")
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Time allowed for Magento to answer one request. */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 30s")
    @DurationMax(minutes = 10, message = "must be at most 10m, e.g. 30s")
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Times one call is sent again after a 429, each after Magento's Retry-After (or a backoff with jitter from 1s). */
    @Min(value = 0, message = "must be at least 0, e.g. 2")
    @Max(value = 10, message = "must be at most 10, e.g. 2")
    private int rateLimitRetries = 2;

    /** Longest wait inside one call after a 429; a longer Retry-After fails the call as RATE_LIMIT and the bus retries it after that time. */
    @NotNull
    @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 30s")
    @DurationMax(minutes = 15, message = "must be at most 15m, e.g. 30s")
    private Duration maxRateLimitWait = Duration.ofSeconds(30);

    /** How orders taken on other channels are created in Magento. */
    @Valid
    private final Orders orders = new Orders();

    /** The polling fallback for stores without an event module. */
    @Valid
    private final Polling polling = new Polling();

    @Override
    public boolean supports(Class<?> type) {
        return MagentoProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        MagentoProperties p = (MagentoProperties) target;
        if (!p.enabled) {
            return;
        }
        if (p.baseUrl == null || p.baseUrl.isBlank()) {
            errors.rejectValue("baseUrl", "required", "must be set when omnisync.connector.magento.enabled=true, "
                    + "e.g. https://shop.example.com");
        }
        if ((p.webhookSecrets.isEmpty() && p.adobeCommercePublicKeys.isEmpty())
                || p.webhookSecrets.stream().anyMatch(s -> s == null || s.length() < 16)) {
            errors.rejectValue("webhookSecrets", "required", "must list the async-events verification token(s), "
                    + "each at least 16 characters, from the environment, e.g. ${MAGENTO_WEBHOOK_SECRET} "
                    + "(may stay empty when only adobe-commerce-public-keys are used)");
        }
        for (int i = 0; i < p.adobeCommercePublicKeys.size(); i++) {
            String field = "adobeCommercePublicKeys[" + i + "]";
            try {
                AdobeCommercePublicKeys.read(p.adobeCommercePublicKeys.get(i));
            } catch (IllegalArgumentException e) {
                errors.rejectValue(field, "unparsable", e.getMessage() + "; copy the public key from Stores > Settings > "
                        + "Configuration > Adobe Services > Webhooks (Regenerate key pair) as PEM text or a PEM file path");
            }
        }
        if (p.authMode == AuthMode.OAUTH) {
            requireForOAuth(errors, "consumerKey", p.consumerKey);
            requireForOAuth(errors, "consumerSecret", p.consumerSecret);
            requireForOAuth(errors, "accessToken", p.accessToken);
            requireForOAuth(errors, "accessTokenSecret", p.accessTokenSecret);
        } else if (p.authMode == AuthMode.ADMIN_TOKEN) {
            if (p.adminUsername == null || p.adminUsername.isBlank() || p.adminPassword == null || p.adminPassword.isBlank()) {
                errors.rejectValue(p.adminUsername == null || p.adminUsername.isBlank() ? "adminUsername" : "adminPassword",
                        "required", "must be set when omnisync.connector.magento.auth-mode=admin-token: an admin user "
                        + "without two-factor sign-in, its password from the environment");
            }
            Placeholders.rejectUnresolved(errors, "adminPassword", p.adminPassword);
        } else if (p.accessToken == null || p.accessToken.isBlank()) {
            errors.rejectValue("accessToken", "required", "must be set when omnisync.connector.magento.auth-mode=bearer, "
                    + "from the environment, e.g. ${MAGENTO_ACCESS_TOKEN}");
        }
        Placeholders.rejectUnresolved(errors, "baseUrl", p.baseUrl);
        Placeholders.rejectUnresolved(errors, "consumerSecret", p.consumerSecret);
        Placeholders.rejectUnresolved(errors, "accessTokenSecret", p.accessTokenSecret);
        Placeholders.rejectUnresolved(errors, "accessToken", p.accessToken);
        p.webhookSecrets.forEach(secret -> Placeholders.rejectUnresolved(errors, "webhookSecrets", secret));
    }

    private static void requireForOAuth(Errors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "required", "must be set when omnisync.connector.magento.auth-mode=oauth (the default): "
                    + "copy it from the integration in Magento's admin (System > Integrations), as an environment variable");
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

    public String getStoreCode() {
        return storeCode;
    }

    public void setStoreCode(String storeCode) {
        this.storeCode = storeCode;
    }

    public AuthMode getAuthMode() {
        return authMode;
    }

    public void setAuthMode(AuthMode authMode) {
        this.authMode = authMode;
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

    public String getAdminUsername() {
        return adminUsername;
    }

    public void setAdminUsername(String adminUsername) {
        this.adminUsername = adminUsername;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public Duration getAdminTokenLifetime() {
        return adminTokenLifetime;
    }

    public void setAdminTokenLifetime(Duration adminTokenLifetime) {
        this.adminTokenLifetime = adminTokenLifetime;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public List<String> getWebhookSecrets() {
        return webhookSecrets;
    }

    public void setWebhookSecrets(List<String> webhookSecrets) {
        this.webhookSecrets = webhookSecrets;
    }

    public List<String> getAdobeCommercePublicKeys() {
        return adobeCommercePublicKeys;
    }

    public void setAdobeCommercePublicKeys(List<String> adobeCommercePublicKeys) {
        this.adobeCommercePublicKeys = adobeCommercePublicKeys;
    }

    public int getArrayChunkSize() {
        return arrayChunkSize;
    }

    public void setArrayChunkSize(int arrayChunkSize) {
        this.arrayChunkSize = arrayChunkSize;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getRateLimitRetries() {
        return rateLimitRetries;
    }

    public void setRateLimitRetries(int rateLimitRetries) {
        this.rateLimitRetries = rateLimitRetries;
    }

    public Duration getMaxRateLimitWait() {
        return maxRateLimitWait;
    }

    public void setMaxRateLimitWait(Duration maxRateLimitWait) {
        this.maxRateLimitWait = maxRateLimitWait;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** How Magento requests are authorised. */
    public enum AuthMode {
        /** OAuth 1.0a signatures from integration credentials: Magento's default for integrations. */
        OAUTH,
        /** An admin user's token (POST /V1/integration/admin/token), renewed before it expires and after a 401. */
        ADMIN_TOKEN,
        /** The access token as a Bearer token: only if Magento allows it (oauth/consumer/enable_integration_as_bearer). */
        BEARER
    }

    @Override
    public String toString() {
        return "MagentoProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", storeCode=" + storeCode
                + ", authMode=" + authMode + ", secrets=***, webhookSecrets=" + webhookSecrets.size() + "]";
    }

    public Orders getOrders() {
        return orders;
    }

    public Polling getPolling() {
        return polling;
    }

    /** {@code omnisync.connector.magento.orders.*}. */
    public static class Orders {

        /** Offline payment method orders from other channels are placed with (enabled for their store views). */
        @NotNull
        @Pattern(regexp = "[a-z0-9_]+", message = "must be a Magento payment method code such as checkmo or purchaseorder")
        private String paymentMethod = "checkmo";

        /** Shipping method, as carrier_method, orders from other channels are placed with. */
        @NotNull
        @Pattern(regexp = "[a-z0-9]+_[a-z0-9_]+", message = "must be carrier_method, e.g. flatrate_flatrate")
        private String shippingMethod = "flatrate_flatrate";

        public String getPaymentMethod() {
            return paymentMethod;
        }

        public void setPaymentMethod(String paymentMethod) {
            this.paymentMethod = paymentMethod;
        }

        public String getShippingMethod() {
            return shippingMethod;
        }

        public void setShippingMethod(String shippingMethod) {
            this.shippingMethod = shippingMethod;
        }
    }

    /** {@code omnisync.connector.magento.polling.*}. */
    public static class Polling {

        /** Whether omnisync polls Magento for changed products, orders, shipments and credit memos. */
        private boolean enabled;

        /** Time between two polls. */
        @NotNull
        @DurationMin(seconds = 5, message = "must be at least 5s, e.g. 1m")
        private Duration interval = Duration.ofMinutes(1);

        /** How far before the last seen updated_at each poll starts again, for rows committed late; repeats are deduplicated. */
        @NotNull
        @DurationMin(seconds = 0, message = "must not be negative, e.g. 2m")
        @DurationMax(hours = 24, message = "must be at most 24h, e.g. 2m")
        private Duration overlap = Duration.ofMinutes(2);

        /** How far back the very first poll of a feed looks. */
        @NotNull
        @DurationMin(seconds = 0, message = "must not be negative, e.g. 1h")
        private Duration initialLookback = Duration.ofHours(1);

        /** What is polled: any of products, orders, shipments, creditmemos. */
        @NotNull
        private List<Feed> feeds = new ArrayList<>(List.of(Feed.values()));

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

        public Duration getOverlap() {
            return overlap;
        }

        public void setOverlap(Duration overlap) {
            this.overlap = overlap;
        }

        public Duration getInitialLookback() {
            return initialLookback;
        }

        public void setInitialLookback(Duration initialLookback) {
            this.initialLookback = initialLookback;
        }

        public List<Feed> getFeeds() {
            return feeds;
        }

        public void setFeeds(List<Feed> feeds) {
            this.feeds = feeds;
        }
    }

    /** A polled kind of Magento entity. */
    public enum Feed {
        PRODUCTS, ORDERS, SHIPMENTS, CREDITMEMOS
    }
}
