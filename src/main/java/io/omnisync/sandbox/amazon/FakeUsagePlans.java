package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon's usage plans as the fake enforces them: a token bucket per operation, with the rate and burst each
 * operation's description in the model file states ("| Rate (requests per second) | Burst |"), unless the
 * options override it. A request finding the bucket empty is answered 429 QuotaExceeded.
 */
final class FakeUsagePlans {

    private static final Pattern TABLE = Pattern.compile("\\|\\s*Rate \\(requests per second\\)\\s*\\|\\s*Burst\\s*\\|\\s*"
            + "\\|[ -]+\\|[ -]+\\|\\s*\\|\\s*([0-9.]+)\\s*\\|\\s*([0-9]+)\\s*\\|");

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

    FakeUsagePlans(Clock clock) {
        this.clock = clock;
    }

    /** Registers every operation of a model file with the plan its description states. */
    void readContract(JsonNode model, Map<String, AmazonFakeOptions.Plan> overrides) {
        model.path("paths").forEach(path -> path.forEach(operation -> {
            String id = operation.path("operationId").asText("");
            Matcher m = TABLE.matcher(operation.path("description").asText(""));
            if (!id.isEmpty() && m.find()) {
                AmazonFakeOptions.Plan plan = overrides.getOrDefault(id,
                        new AmazonFakeOptions.Plan(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2))));
                buckets.put(id, new Bucket(plan, clock.instant()));
            }
        }));
    }

    /** Takes a token; false (and counted) when the plan is exhausted. */
    boolean take(String operationId) {
        Bucket bucket = buckets.get(operationId);
        if (bucket == null || bucket.take(clock.instant())) {
            return true;
        }
        throttled.computeIfAbsent(operationId, k -> new AtomicInteger()).incrementAndGet();
        return false;
    }

    /** The rate of an operation, for x-amzn-RateLimit-Limit; null when unknown. */
    Double rate(String operationId) {
        Bucket bucket = buckets.get(operationId);
        return bucket == null ? null : bucket.plan.rate();
    }

    int throttled(String operationId) {
        AtomicInteger count = throttled.get(operationId);
        return count == null ? 0 : count.get();
    }

    private static final class Bucket {
        private final AmazonFakeOptions.Plan plan;
        private double tokens;
        private Instant updated;

        Bucket(AmazonFakeOptions.Plan plan, Instant now) {
            this.plan = plan;
            this.tokens = plan.burst();
            this.updated = now;
        }

        synchronized boolean take(Instant now) {
            if (now.isAfter(updated)) {
                tokens = Math.min(plan.burst(), tokens + Duration.between(updated, now).toNanos() / 1e9 * plan.rate());
                updated = now;
            }
            if (tokens < 1 - 1e-9) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
