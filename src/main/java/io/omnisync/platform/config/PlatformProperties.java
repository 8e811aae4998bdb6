package io.omnisync.platform.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Platform settings under {@code omnisync.*}; every connector has its own class under {@code omnisync.connector.*}. */
@Validated
@ConfigurationProperties("omnisync")
public class PlatformProperties {

    /** Name of this instance in logs and metrics; blank means the host name. */
    private String instanceId = "";

    /** Folder of the Camel YAML flows, every sub-folder included. */
    @NotBlank(message = "must name the folder holding the Camel YAML flows, e.g. routes")
    private String routesLocation = "routes";

    /** Folder of the JSONata mappings. */
    @NotBlank(message = "must name the folder holding the JSONata mappings, e.g. mappings")
    private String mappingsLocation = "mappings";

    /** Whether JSONata files are compiled once (true) or re-read on every use (false, for the dev profile). */
    private boolean mappingsCache = true;

    @Valid
    private final Bus bus = new Bus();

    @Valid
    private final Webhooks webhooks = new Webhooks();

    @Valid
    private final Retention retention = new Retention();

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getRoutesLocation() {
        return routesLocation;
    }

    public void setRoutesLocation(String routesLocation) {
        this.routesLocation = routesLocation;
    }

    public String getMappingsLocation() {
        return mappingsLocation;
    }

    public void setMappingsLocation(String mappingsLocation) {
        this.mappingsLocation = mappingsLocation;
    }

    public boolean isMappingsCache() {
        return mappingsCache;
    }

    public void setMappingsCache(boolean mappingsCache) {
        this.mappingsCache = mappingsCache;
    }

    public Bus getBus() {
        return bus;
    }

    public Webhooks getWebhooks() {
        return webhooks;
    }

    public Retention getRetention() {
        return retention;
    }

    /** How events travel from the journal to the routes. */
    public static class Bus {

        /** Which bus carries events: jdbc (a queue table in the state database). */
        @NotNull(message = "must be jdbc")
        private BusKind kind = BusKind.JDBC;

        /** Consumer threads per route reading from the bus. */
        @Min(value = 1, message = "must be at least 1 consumer thread per route")
        @Max(value = 64, message = "must be at most 64 consumer threads per route")
        private int consumers = 2;

        /** How long an idle consumer waits before it looks for new messages again. */
        @NotNull
        @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 200ms")
        @DurationMax(seconds = 60, message = "must be at most 60s, e.g. 200ms")
        private Duration pollInterval = Duration.ofMillis(200);

        /** Most events one consumer delivers in one transaction (one commit of the state database). */
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 1000, message = "must be at most 1000, e.g. 10")
        private int batchSize = 10;

        /** Longest a consumer keeps adding events to one transaction before it commits. */
        @NotNull
        @DurationMin(millis = 1, message = "must be at least 1ms, e.g. 500ms")
        @DurationMax(seconds = 30, message = "must be at most 30s, e.g. 500ms")
        private Duration batchTime = Duration.ofMillis(500);

        /** Deliveries of one event to one route before it goes to the dead-letter store. */
        @Min(value = 1, message = "must be at least 1 attempt")
        private int maxAttempts = 8;

        /** Wait before the first redelivery of a transient failure; doubles each attempt, with jitter. */
        @NotNull
        @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 1s")
        private Duration initialBackoff = Duration.ofSeconds(1);

        /** Upper bound of the redelivery wait. */
        @NotNull
        @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 5m")
        private Duration maxBackoff = Duration.ofMinutes(5);

        public BusKind getKind() {
            return kind;
        }

        public void setKind(BusKind kind) {
            this.kind = kind;
        }

        public int getConsumers() {
            return consumers;
        }

        public void setConsumers(int consumers) {
            this.consumers = consumers;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getBatchTime() {
            return batchTime;
        }

        public void setBatchTime(Duration batchTime) {
            this.batchTime = batchTime;
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

    /** The bus implementations. */
    public enum BusKind { JDBC }

    /** Limits applied to every inbound webhook before anything is parsed. */
    public static class Webhooks {

        /** Largest accepted body; a larger one is answered 413. */
        @NotNull
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /** Deepest accepted JSON nesting; deeper is answered 400. */
        @Min(value = 4, message = "must be at least 4")
        @Max(value = 1000, message = "must be at most 1000")
        private int maxNestingDepth = 64;

        /** Longest accepted JSON string value, in characters; longer is answered 400. */
        @Min(value = 256, message = "must be at least 256")
        private int maxStringLength = 100_000;

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public int getMaxNestingDepth() {
            return maxNestingDepth;
        }

        public void setMaxNestingDepth(int maxNestingDepth) {
            this.maxNestingDepth = maxNestingDepth;
        }

        public int getMaxStringLength() {
            return maxStringLength;
        }

        public void setMaxStringLength(int maxStringLength) {
            this.maxStringLength = maxStringLength;
        }
    }

    /** How long state is kept. Dedupe keys must outlive the longest sender retry window (Stripe: 3 days). */
    public static class Retention {

        /** Processed journal entries (and so ingress dedupe keys) are kept this long. */
        @NotNull
        @DurationMin(days = 3, message = "must be at least 3d: Stripe retries a webhook for 3 days")
        private Duration journal = Duration.ofDays(7);

        /** Idempotency keys of effects are kept this long. */
        @NotNull
        @DurationMin(days = 3, message = "must be at least 3d: Stripe retries a webhook for 3 days")
        private Duration idempotencyKeys = Duration.ofDays(7);

        /** Discarded and replayed dead letters are kept this long. */
        @NotNull
        @DurationMin(days = 1, message = "must be at least 1d, e.g. 30d")
        private Duration deadLetters = Duration.ofDays(30);

        /** Audit log entries are kept this long. */
        @NotNull
        @DurationMin(days = 30, message = "must be at least 30d, e.g. 365d")
        private Duration auditLog = Duration.ofDays(365);

        public Duration getJournal() {
            return journal;
        }

        public void setJournal(Duration journal) {
            this.journal = journal;
        }

        public Duration getIdempotencyKeys() {
            return idempotencyKeys;
        }

        public void setIdempotencyKeys(Duration idempotencyKeys) {
            this.idempotencyKeys = idempotencyKeys;
        }

        public Duration getDeadLetters() {
            return deadLetters;
        }

        public void setDeadLetters(Duration deadLetters) {
            this.deadLetters = deadLetters;
        }

        public Duration getAuditLog() {
            return auditLog;
        }

        public void setAuditLog(Duration auditLog) {
            this.auditLog = auditLog;
        }
    }
}
