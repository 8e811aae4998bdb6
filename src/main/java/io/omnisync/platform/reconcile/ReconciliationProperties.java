package io.omnisync.platform.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code omnisync.reconciliation.*}: the scheduled and on-demand comparison of Magento's salable quantity with what
 * each bound channel account lists, and the full resync.
 */
@Validated
@ConfigurationProperties("omnisync.reconciliation")
public class ReconciliationProperties {

    /** Whether runs are taken at all (scheduled and requested through the admin API). */
    private boolean enabled = true;

    /** How often the leader starts a scheduled run; 0 schedules none (runs are then only requested through the admin API). */
    @NotNull
    @DurationMin(millis = 0, message = "must not be negative, e.g. 6h, or 0 for no schedule")
    private Duration interval = Duration.ofHours(6);

    /** What a scheduled run does: REPORT (compare only), REPAIR (compare and push corrections) or RESYNC (push every SKU). */
    @NotNull
    private Mode scheduledMode = Mode.REPAIR;

    /** SKUs read from Magento per page (Magento allows up to 300); one page at a time is held in memory. */
    @Min(value = 1, message = "must be 1 to 300, e.g. 300")
    @Max(value = 300, message = "must be 1 to 300 (Magento's page limit), e.g. 300")
    private int pageSize = 300;

    /** Salable-quantity reads from Magento in flight at once (Magento has one call per SKU and stock). */
    @Min(value = 1, message = "must be 1 to 32, e.g. 4")
    @Max(value = 32, message = "must be 1 to 32, e.g. 4")
    private int parallelism = 4;

    /** Drifted SKUs stored per run for the admin API; the counts cover all of them. */
    @Min(value = 0, message = "must not be negative, e.g. 10000")
    private int maxDriftRows = 10_000;

    /** How often a running run logs its progress (done/total, rate, ETA). */
    @NotNull
    @DurationMin(seconds = 1, message = "must be at least 1s, e.g. 10s")
    private Duration progressLogInterval = Duration.ofSeconds(10);

    /** A RUNNING run without a heartbeat for this long lost its instance; the leader resumes it from its last page. */
    @NotNull
    @DurationMin(seconds = 10, message = "must be at least 10s, e.g. 2m")
    private Duration stalledAfter = Duration.ofMinutes(2);

    /** What a run does. */
    public enum Mode {
        /** Compare, record drift, change nothing. */
        REPORT,
        /** Compare, record drift and push the corrections. */
        REPAIR,
        /** Push every SKU's quantity (and price) without reading the channels. */
        RESYNC
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Mode getScheduledMode() {
        return scheduledMode;
    }

    public void setScheduledMode(Mode scheduledMode) {
        this.scheduledMode = scheduledMode;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public int getMaxDriftRows() {
        return maxDriftRows;
    }

    public void setMaxDriftRows(int maxDriftRows) {
        this.maxDriftRows = maxDriftRows;
    }

    public Duration getProgressLogInterval() {
        return progressLogInterval;
    }

    public void setProgressLogInterval(Duration progressLogInterval) {
        this.progressLogInterval = progressLogInterval;
    }

    public Duration getStalledAfter() {
        return stalledAfter;
    }

    public void setStalledAfter(Duration stalledAfter) {
        this.stalledAfter = stalledAfter;
    }
}
