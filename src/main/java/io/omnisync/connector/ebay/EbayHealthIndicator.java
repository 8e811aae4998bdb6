package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.error.IntegrationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the eBay connection: refreshes the token if needed and reads one inventory item page with a short
 * timeout. eBay counts calls per day, so an answer is reused for a minute however often the health is asked.
 * Shown as "ebay".
 */
public class EbayHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REUSE = Duration.ofMinutes(1);

    private final EbayClient client;
    private final Clock clock;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    public EbayHealthIndicator(EbayClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        if (last == null || !clock.instant().isBefore(checkedAt.plus(REUSE))) {
            last = check();
            checkedAt = clock.instant();
        }
        return last;
    }

    private Health check() {
        EbayProperties properties = client.properties();
        try {
            JsonNode page = client.call(EbayRequest.get(EbayApi.INVENTORY, "/inventory_item?limit=1&offset=0").timeout(TIMEOUT));
            return Health.up().withDetail("apiBaseUrl", properties.getApiBaseUrl())
                    .withDetail("marketplaces", properties.getMarketplaces())
                    .withDetail("inventoryItems", page.path("total").asInt()).build();
        } catch (IntegrationException e) {
            return Health.down().withDetail("apiBaseUrl", properties.getApiBaseUrl())
                    .withDetail("errorClass", e.errorClass().name())
                    .withDetail("reason", ErrorClassifier.reason(e)).build();
        }
    }
}
