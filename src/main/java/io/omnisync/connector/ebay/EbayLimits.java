package io.omnisync.connector.ebay;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * {@code omnisync.connector.ebay.limits.*}: a token bucket per API and the in-client retry budget. eBay counts
 * calls per day and application; these per-second rates spread a day's quota so that bursts never exhaust it.
 */
public class EbayLimits {

    /** Calls per second to the Inventory API (token bucket refill rate). */
    @DecimalMin(value = "0.01", message = "must be at least 0.01, e.g. 5")
    @DecimalMax(value = "1000", message = "must be at most 1000, e.g. 5")
    private double inventoryCallsPerSecond = 5;

    /** Calls per second to the Fulfillment API (token bucket refill rate). */
    @DecimalMin(value = "0.01", message = "must be at least 0.01, e.g. 1")
    @DecimalMax(value = "1000", message = "must be at most 1000, e.g. 1")
    private double fulfillmentCallsPerSecond = 1;

    /** Calls that may go out at once before the per-second rate applies (token bucket size). */
    @Min(value = 1, message = "must be at least 1, e.g. 5")
    @Max(value = 1000, message = "must be at most 1000, e.g. 5")
    private int burst = 5;

    /** Attempts of one call when eBay answers 429, or 5xx or times out on a call that is safe to repeat. */
    @Min(value = 1, message = "must be at least 1, e.g. 4")
    @Max(value = 10, message = "must be at most 10, e.g. 4")
    private int maxAttempts = 4;

    /** Wait before the second attempt; doubles each attempt, with jitter, unless eBay sends Retry-After. */
    @NotNull
    @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 2s")
    private Duration initialBackoff = Duration.ofSeconds(2);

    /** Longest wait inside one call; a longer Retry-After fails the call as RATE_LIMIT so the bus retries it later. */
    @NotNull
    @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 60s")
    @DurationMax(minutes = 15, message = "must be at most 15m, e.g. 60s")
    private Duration maxBackoff = Duration.ofSeconds(60);

    public double getInventoryCallsPerSecond() {
        return inventoryCallsPerSecond;
    }

    public void setInventoryCallsPerSecond(double inventoryCallsPerSecond) {
        this.inventoryCallsPerSecond = inventoryCallsPerSecond;
    }

    public double getFulfillmentCallsPerSecond() {
        return fulfillmentCallsPerSecond;
    }

    public void setFulfillmentCallsPerSecond(double fulfillmentCallsPerSecond) {
        this.fulfillmentCallsPerSecond = fulfillmentCallsPerSecond;
    }

    public int getBurst() {
        return burst;
    }

    public void setBurst(int burst) {
        this.burst = burst;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }
}
