package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.error.IntegrationException;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Health of the Magento connection: lists the store views with a short timeout. Shown as "magento". */
public class MagentoHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MagentoClient client;
    private final MagentoProperties properties;

    public MagentoHealthIndicator(MagentoClient client, MagentoProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public Health health() {
        try {
            JsonNode storeViews = client.get("all", "/V1/store/storeViews", TIMEOUT);
            return Health.up().withDetail("baseUrl", properties.getBaseUrl())
                    .withDetail("storeViews", storeViews.size()).build();
        } catch (IntegrationException e) {
            return Health.down().withDetail("baseUrl", properties.getBaseUrl())
                    .withDetail("errorClass", e.errorClass().name())
                    .withDetail("reason", ErrorClassifier.reason(e)).build();
        }
    }
}
