package io.omnisync.connector.pos;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * {@code omnisync.connector.pos.limits.*}: one token bucket for all calls and the in-client retry budget. Square does
 * not publish its limits (it answers 429 RATE_LIMITED when a seller's application goes too fast), so the defaults
 * stay well below what a single shop's traffic needs.
 */
public class PosLimits {

    /** Calls per second to the POS API (token bucket refill rate). */
    @DecimalMin(value = "0.01", message = "must be at least 0.01, e.g. 10")
    @DecimalMax(value = "1000", message = "must be at most 1000, e.g. 10")
    private double callsPerSecond = 10;

    /** Calls that may go out at once before the per-second rate applies (token bucket size). */
    @Min(value = 1, message = "must be at least 1, e.g. 10")
    @Max(value = 1000, message = "must be at most 1000, e.g. 10")
    private int burst = 10;

    /** Attempts of one call when the POS answers 429 or 5xx or times out (every write carries an idempotency key, so repeats are safe). */
    @Min(value = 1, message = "must be at least 1, e.g. 4")
    @Max(value = 10, message = "must be at most 10, e.g. 4")
    private int maxAttempts = 4;

    /** Wait before the second attempt; doubles each attempt, with jitter, unless the POS sends Retry-After. */
    @NotNull
    @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 1s")
    private Duration initialBackoff = Duration.ofSeconds(1);

    /** Longest wait inside one call; a longer Retry-After fails the call as RATE_LIMIT so the bus retries it later. */
    @NotNull
    @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 30s")
    @DurationMax(minutes = 15, message = "must be at most 15m, e.g. 30s")
    private Duration maxBackoff = Duration.ofSeconds(30);

    public double getCallsPerSecond() {
        return callsPerSecond;
    }

    public void setCallsPerSecond(double callsPerSecond) {
        this.callsPerSecond = callsPerSecond;
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
