package io.omnisync.platform.outbound;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The outbound endpoints of this instance, one {@link OutboundEndpoint} per name, and the URL policy they share.
 * Connectors ask for their endpoints when they build their clients, naming the property each configured URL comes
 * from: a URL the policy refuses stops start-up with a message naming that property and what to set.
 */
public class OutboundCalls {

    private final OutboundProperties properties;
    private final UrlPolicy policy;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, OutboundEndpoint> endpoints = new ConcurrentHashMap<>();

    public OutboundCalls(OutboundProperties properties, UrlPolicy.Resolver resolver, Clock clock, MeterRegistry registry) {
        this.properties = properties;
        this.policy = new UrlPolicy(properties.isAllowPrivateNetworks(), properties.getAllowedHosts(), resolver);
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * The endpoint {@code name}, after checking the URL configured for it.
     *
     * @param property the property the URL comes from, e.g. omnisync.connector.magento.base-url
     * @throws OutboundUrlRefusedException when the policy refuses the URL
     */
    public OutboundEndpoint endpoint(String name, String property, String url) {
        check(property, url);
        return endpoint(name);
    }

    /** Checks one more configured URL (e.g. a token endpoint sharing another's guard). */
    public void check(String property, String url) {
        policy.refusalOfConfigured(url).ifPresent(reason -> {
            throw new OutboundUrlRefusedException(property, url, reason);
        });
    }

    /** The endpoint {@code name}, for calls whose URLs are not configured (e.g. pre-signed document URLs). */
    public OutboundEndpoint endpoint(String name) {
        return endpoints.computeIfAbsent(name, n -> {
            OutboundEndpoint endpoint = new OutboundEndpoint(n, properties.resilienceOf(n), policy, clock);
            register(endpoint);
            return endpoint;
        });
    }

    /** Every endpoint asked for so far. */
    public Collection<OutboundEndpoint> endpoints() {
        return Collections.unmodifiableCollection(endpoints.values());
    }

    /** The shared URL policy. */
    public UrlPolicy policy() {
        return policy;
    }

    /**
     * omnisync_outbound_breaker_state{endpoint} (0 closed, 1 half-open, 2 open, 3 another state),
     * omnisync_outbound_breaker_failure_rate{endpoint}, omnisync_outbound_bulkhead_available{endpoint} and
     * omnisync_outbound_calls_not_permitted_total{endpoint,reason=breaker|bulkhead|address}.
     */
    private void register(OutboundEndpoint endpoint) {
        if (registry == null) {
            return;
        }
        gauge("omnisync_outbound_breaker_state", endpoint, e -> stateValue(e.state()),
                "Circuit breaker state: 0 closed, 1 half-open (probing), 2 open (calls fail at once)");
        gauge("omnisync_outbound_breaker_failure_rate", endpoint, e -> e.failureRate(),
                "Failed calls in the breaker's sliding window, percent; -1 before the minimum of calls");
        gauge("omnisync_outbound_bulkhead_available", endpoint, e -> e.bulkheadAvailable(),
                "Free places in the endpoint's bulkhead (concurrent calls)");
        counter(endpoint, "breaker", OutboundEndpoint::breakerRejections);
        counter(endpoint, "bulkhead", OutboundEndpoint::bulkheadRejections);
        counter(endpoint, "address", OutboundEndpoint::refusedRequests);
    }

    private void gauge(String name, OutboundEndpoint endpoint, ToDoubleFunction<OutboundEndpoint> value, String help) {
        Gauge.builder(name, endpoint, value).tag("endpoint", endpoint.name()).description(help).register(registry);
    }

    private void counter(OutboundEndpoint endpoint, String reason, ToDoubleFunction<OutboundEndpoint> value) {
        FunctionCounter.builder("omnisync_outbound_calls_not_permitted", endpoint, value).tag("endpoint", endpoint.name())
                .tag("reason", reason)
                .description("Calls not sent: breaker open, bulkhead full, or the URL policy refused the resolved address")
                .register(registry);
    }

    static double stateValue(CircuitBreaker.State state) {
        switch (state) {
            case CLOSED:
                return 0;
            case HALF_OPEN:
                return 1;
            case OPEN:
                return 2;
            default:
                return 3;
        }
    }
}
