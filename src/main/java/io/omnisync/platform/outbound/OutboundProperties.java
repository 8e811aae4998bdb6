package io.omnisync.platform.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * {@code omnisync.outbound.*}: which hosts omnisync may call, and the circuit breaker and bulkhead every external
 * endpoint gets ({@code resilience.*}, overridable per endpoint under {@code endpoints.<name>.*}).
 */
@Validated
@ConfigurationProperties("omnisync.outbound")
public class OutboundProperties implements Validator {

    /** The endpoints omnisync calls; a new connector adds its own here. */
    public static final List<String> ENDPOINTS = List.of("magento", "amazon", "amazon-lwa", "amazon-documents", "ebay",
            "ebay-token", "pos");

    private static final Pattern HOST_PATTERN = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** Whether outbound calls may go to private, loopback and link-local addresses; only for the sandbox and a downstream inside your own network. */
    private boolean allowPrivateNetworks;

    /** Hosts omnisync may call, e.g. shop.example.com, *.amazonaws.com; empty means any public host. */
    private List<String> allowedHosts = new ArrayList<>();

    /** Circuit breaker and bulkhead of every endpoint that has no override. */
    @NestedConfigurationProperty
    private final Resilience resilience = new Resilience();

    /** Circuit breaker and bulkhead settings of one endpoint (magento, amazon, amazon-lwa, amazon-documents, ebay, ebay-token, pos) replacing the resilience defaults, e.g. endpoints.ebay.max-concurrent-calls=4. */
    private Map<String, EndpointOverride> endpoints = new LinkedHashMap<>();

    @Override
    public boolean supports(Class<?> type) {
        return OutboundProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        OutboundProperties p = (OutboundProperties) target;
        for (int i = 0; i < p.allowedHosts.size(); i++) {
            String host = p.allowedHosts.get(i);
            if (host == null || !HOST_PATTERN.matcher(host.toLowerCase(java.util.Locale.ROOT)).matches()) {
                errors.rejectValue("allowedHosts[" + i + "]", "invalid", "must be a host name such as shop.example.com "
                        + "or a wildcard such as *.amazonaws.com (no scheme, port or path)");
            }
        }
        Resilience r = p.resilience;
        check(errors, "resilience.", r.failureRateThreshold, r.slidingWindowSize, r.minimumNumberOfCalls,
                r.waitInOpenState, r.permittedCallsInHalfOpenState, r.maxConcurrentCalls);
        p.endpoints.forEach((name, o) -> {
            String path = "endpoints[" + name + "].";
            if (!ENDPOINTS.contains(name)) {
                errors.rejectValue("endpoints[" + name + "]", "unknown", "is no endpoint omnisync calls; use one of "
                        + String.join(", ", ENDPOINTS));
                return;
            }
            Resilience merged = r.with(o);
            check(errors, path, o.failureRateThreshold, o.slidingWindowSize, o.minimumNumberOfCalls, o.waitInOpenState,
                    o.permittedCallsInHalfOpenState, o.maxConcurrentCalls);
            if (o.slidingWindowSize != null || o.minimumNumberOfCalls != null) {
                checkMinimum(errors, path, merged.minimumNumberOfCalls, merged.slidingWindowSize);
            }
        });
        checkMinimum(errors, "resilience.", r.minimumNumberOfCalls, r.slidingWindowSize);
    }

    /** Every value that is set lies in its range; null means inherited. */
    private static void check(Errors errors, String path, Integer failureRate, Integer window, Integer minimum,
                              Duration open, Integer halfOpen, Integer concurrent) {
        range(errors, path + "failureRateThreshold", failureRate, 1, 100, "a percentage of failed calls, e.g. 50");
        range(errors, path + "slidingWindowSize", window, 1, 1000, "the number of recent calls judged, e.g. 20");
        range(errors, path + "minimumNumberOfCalls", minimum, 1, 1000, "e.g. 10");
        range(errors, path + "permittedCallsInHalfOpenState", halfOpen, 1, 100, "e.g. 3");
        range(errors, path + "maxConcurrentCalls", concurrent, 1, 1000, "e.g. 16");
        if (open != null && (open.compareTo(Duration.ofSeconds(1)) < 0 || open.compareTo(Duration.ofHours(1)) > 0)) {
            errors.rejectValue(path + "waitInOpenState", "range", "must be between 1s and 1h, e.g. 30s");
        }
    }

    private static void range(Errors errors, String field, Integer value, int min, int max, String example) {
        if (value != null && (value < min || value > max)) {
            errors.rejectValue(field, "range", "must be between " + min + " and " + max + ": " + example);
        }
    }

    private static void checkMinimum(Errors errors, String path, int minimum, int window) {
        if (minimum > window) {
            errors.rejectValue(path + "minimumNumberOfCalls", "range", "must be at most the sliding-window-size ("
                    + window + "), or the breaker judges fewer calls than it says");
        }
    }

    /** The settings of one endpoint: its override over the defaults. */
    public Resilience resilienceOf(String endpoint) {
        EndpointOverride override = endpoints.get(endpoint);
        return override == null ? resilience : resilience.with(override);
    }

    public boolean isAllowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    public List<String> getAllowedHosts() {
        return allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    public Resilience getResilience() {
        return resilience;
    }

    public Map<String, EndpointOverride> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(Map<String, EndpointOverride> endpoints) {
        this.endpoints = endpoints;
    }

    /** A circuit breaker (count-based sliding window) and a semaphore bulkhead. */
    public static class Resilience {

        /** Percentage of failed calls (connection failures, timeouts, 5xx; never 429 or other 4xx) in the sliding window at which the breaker opens. */
        private int failureRateThreshold = 50;

        /** How many of the latest calls the failure rate is computed over. */
        private int slidingWindowSize = 20;

        /** Calls the window must hold before the failure rate counts (fewer never open the breaker). */
        private int minimumNumberOfCalls = 10;

        /** How long an open breaker fails calls at once before it lets probe calls through. */
        private Duration waitInOpenState = Duration.ofSeconds(30);

        /** Probe calls a half-open breaker lets through; their failure rate closes or reopens it. */
        private int permittedCallsInHalfOpenState = 3;

        /** Calls to one endpoint in flight at once (bulkhead); one more fails at once as UNAVAILABLE. */
        private int maxConcurrentCalls = 16;

        /** These settings with an override's values where it sets one. */
        Resilience with(EndpointOverride o) {
            Resilience merged = new Resilience();
            merged.failureRateThreshold = o.failureRateThreshold != null ? o.failureRateThreshold : failureRateThreshold;
            merged.slidingWindowSize = o.slidingWindowSize != null ? o.slidingWindowSize : slidingWindowSize;
            merged.minimumNumberOfCalls = o.minimumNumberOfCalls != null ? o.minimumNumberOfCalls : minimumNumberOfCalls;
            merged.waitInOpenState = o.waitInOpenState != null ? o.waitInOpenState : waitInOpenState;
            merged.permittedCallsInHalfOpenState = o.permittedCallsInHalfOpenState != null
                    ? o.permittedCallsInHalfOpenState : permittedCallsInHalfOpenState;
            merged.maxConcurrentCalls = o.maxConcurrentCalls != null ? o.maxConcurrentCalls : maxConcurrentCalls;
            return merged;
        }

        public int getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(int failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        public void setWaitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
        }

        public int getPermittedCallsInHalfOpenState() {
            return permittedCallsInHalfOpenState;
        }

        public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
        }

        public int getMaxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        public void setMaxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
        }
    }

    /** One endpoint's replacements of the resilience defaults; what is not set is inherited. */
    public static class EndpointOverride {

        private Integer failureRateThreshold;
        private Integer slidingWindowSize;
        private Integer minimumNumberOfCalls;
        private Duration waitInOpenState;
        private Integer permittedCallsInHalfOpenState;
        private Integer maxConcurrentCalls;

        public Integer getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(Integer failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public Integer getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(Integer slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public Integer getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        public void setWaitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
        }

        public Integer getPermittedCallsInHalfOpenState() {
            return permittedCallsInHalfOpenState;
        }

        public void setPermittedCallsInHalfOpenState(Integer permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
        }

        public Integer getMaxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
        }
    }
}
