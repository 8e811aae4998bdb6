package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.error.IntegrationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Health of the POS connection: lists the locations with a short timeout, reusing the answer for a minute. Shown as "pos". */
public class PosHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REUSE = Duration.ofMinutes(1);

    private final PosClient client;
    private final Clock clock;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    public PosHealthIndicator(PosClient client, Clock clock) {
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
        String baseUrl = client.properties().getBaseUrl();
        try {
            List<String> locations = new ArrayList<>();
            for (JsonNode location : client.get(PosOrders.LOCATIONS_PATH, TIMEOUT).path("locations")) {
                locations.add(location.path("id").asText());
            }
            return Health.up().withDetail("baseUrl", baseUrl).withDetail("locations", locations).build();
        } catch (IntegrationException e) {
            return Health.down().withDetail("baseUrl", baseUrl).withDetail("errorClass", e.errorClass().name())
                    .withDetail("reason", ErrorClassifier.reason(e)).build();
        }
    }
}
