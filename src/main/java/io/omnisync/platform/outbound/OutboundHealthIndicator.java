package io.omnisync.platform.outbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Shown in /actuator/health as "outbound": every endpoint's breaker state, failure rate and free bulkhead places.
 * Always UP: an open breaker means a downstream is down, not omnisync (its connector's own indicator says so), and
 * taking the instance out of service would stop the other channels too.
 */
public class OutboundHealthIndicator implements HealthIndicator {

    private final OutboundCalls calls;

    public OutboundHealthIndicator(OutboundCalls calls) {
        this.calls = calls;
    }

    @Override
    public Health health() {
        Map<String, Object> endpoints = new TreeMap<>();
        for (OutboundEndpoint endpoint : calls.endpoints()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("breaker", endpoint.state().name());
            details.put("failureRate", endpoint.failureRate());
            details.put("bulkheadAvailable", endpoint.bulkheadAvailable());
            details.put("notPermitted", endpoint.breakerRejections() + endpoint.bulkheadRejections());
            endpoints.put(endpoint.name(), details);
        }
        return Health.up().withDetail("allowPrivateNetworks", calls.policy().allowsPrivateNetworks())
                .withDetails(endpoints).build();
    }
}
