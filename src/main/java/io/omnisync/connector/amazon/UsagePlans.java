package io.omnisync.connector.amazon;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.outbound.Sleeper;
import io.omnisync.platform.outbound.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link TokenBucket} per SP-API operation, sized from the model's default usage plan or the configured
 * override. Every call takes a token first, waiting at most {@code max-rate-limit-wait}; a longer wait fails
 * the call as {@link ErrorClass#RATE_LIMIT} so the bus retries it later instead of holding a thread.
 */
public class UsagePlans {

    private static final Logger LOG = LoggerFactory.getLogger(UsagePlans.class);

    private final Map<SpApiOperation, TokenBucket> buckets = new EnumMap<>(SpApiOperation.class);
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxWait;
    private final AtomicLong waits = new AtomicLong();

    public UsagePlans(AmazonProperties properties, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxWait = properties.getMaxRateLimitWait();
        for (SpApiOperation operation : SpApiOperation.values()) {
            AmazonProperties.UsagePlan plan = properties.getUsagePlans().get(operation.operationId());
            buckets.put(operation, plan == null
                    ? new TokenBucket(operation.rate(), operation.burst(), clock.instant())
                    : new TokenBucket(plan.getRate(), plan.getBurst(), clock.instant()));
        }
    }

    /** Takes a token of the operation's plan, sleeping until it is there; RATE_LIMIT when that is too long. */
    public void acquire(SpApiOperation operation) {
        TokenBucket bucket = buckets.get(operation);
        Duration wait = bucket.reserve(clock.instant(), maxWait).orElseThrow(() -> new IntegrationException(
                ErrorClass.RATE_LIMIT, "Amazon " + operation.operationId() + ": its usage plan (" + bucket.rate()
                + "/s, burst " + bucket.burst() + ") has no request left within " + maxWait + "; try again later"));
        if (!wait.isZero()) {
            waits.incrementAndGet();
            LOG.debug("Amazon {}: waiting {} for its usage plan", operation.operationId(), wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IntegrationException(ErrorClass.INTERMITTENT, "interrupted while waiting for Amazon's usage plan", e);
            }
        }
    }

    /** After a 429: nothing more of this operation before {@code wait} has passed. */
    public void blockFor(SpApiOperation operation, Duration wait) {
        buckets.get(operation).blockFor(clock.instant(), wait);
    }

    /** Uses the rate Amazon reported in x-amzn-RateLimit-Limit from now on. */
    public void retune(SpApiOperation operation, double rate) {
        TokenBucket bucket = buckets.get(operation);
        if (rate > 0 && Math.abs(bucket.rate() - rate) > 1e-9) {
            LOG.info("Amazon {}: usage plan rate is now {}/s (x-amzn-RateLimit-Limit)", operation.operationId(), rate);
            bucket.retune(clock.instant(), rate);
        }
    }

    /** The rate currently applied to an operation. */
    public double rate(SpApiOperation operation) {
        return buckets.get(operation).rate();
    }

    /** How many calls had to wait for a token so far. */
    public long waits() {
        return waits.get();
    }

    /** The longest a call may wait. */
    public Duration maxWait() {
        return maxWait;
    }
}
