package io.omnisync.connector.amazon;

import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.error.IntegrationException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the Amazon connection: whether Login with Amazon gives an access token for the configured
 * credentials (cached for an hour, so this spends no SP-API usage plan). Shown as "amazon".
 */
public class AmazonHealthIndicator implements HealthIndicator {

    private final AmazonClient client;
    private final AmazonProperties properties;

    public AmazonHealthIndicator(AmazonClient client, AmazonProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            client.tokens().current();
            health = Health.up();
        } catch (IntegrationException e) {
            health = Health.down().withDetail("errorClass", e.errorClass().name()).withDetail("reason", ErrorClassifier.reason(e));
        }
        return health.withDetail("endpoint", properties.getEndpoint()).withDetail("sellerId", properties.getSellerId())
                .withDetail("marketplaces", properties.getMarketplaces())
                .withDetail("rateLimitWaits", client.usagePlans().waits()).build();
    }
}
