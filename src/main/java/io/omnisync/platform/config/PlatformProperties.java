package io.omnisync.platform.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
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
    private final Leader leader = new Leader();

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

    public Leader getLeader() {
        return leader;
    }

    public Webhooks getWebhooks() {
        return webhooks;
    }

    public Retention getRetention() {
        return retention;
    }

    /** How events travel from the journal to the routes. */
    public static class Bus {

        /** Which bus carries events: jdbc (a queue table in the state database) or kafka (a topic per domain). */
        @NotNull(message = "must be jdbc or kafka")
        private BusKind kind = BusKind.JDBC;

        @Valid
        private final Kafka kafka = new Kafka();

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

        /** The kafka bus needs brokers to talk to. */
        @AssertTrue(message = "omnisync.bus.kind is kafka, so set omnisync.bus.kafka.bootstrap-servers to the brokers, "
                + "e.g. kafka-1:9092,kafka-2:9092")
        public boolean isKafkaConfigured() {
            return kind != BusKind.KAFKA || !kafka.getBootstrapServers().isBlank();
        }

        public Kafka getKafka() {
            return kafka;
        }

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
    public enum BusKind { JDBC, KAFKA }

    /** The kafka bus: a topic per domain, a transactional outbox relay, a consumer group per route. */
    public static class Kafka {

        /** Kafka brokers, host:port[,host:port]; required when omnisync.bus.kind is kafka. */
        private String bootstrapServers = "";

        /** Prefix of the topic names: the stock domain travels on <prefix>stock. */
        @NotNull
        @Pattern(regexp = "[a-zA-Z0-9._-]{0,200}", message = "may hold only letters, digits, '.', '_' and '-', e.g. omnisync.")
        private String topicPrefix = "omnisync.";

        /** Partitions of each topic omnisync creates at start-up when it is missing (existing topics are left as they are). */
        @Min(value = 1, message = "must be at least 1 partition")
        @Max(value = 10_000, message = "must be at most 10000 partitions")
        private int partitions = 12;

        /** Replication factor of the topics omnisync creates; min.insync.replicas is set one lower (at least 1). */
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 32, message = "must be at most 32")
        private short replicationFactor = 3;

        /** Most records a route's consumer takes from one poll and records in one state-database transaction. */
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 5000, message = "must be at most 5000, e.g. 500")
        private int maxPollRecords = 500;

        /** How long the group waits for a silent consumer (a killed instance) before its partitions move. */
        @NotNull
        @DurationMin(seconds = 6, message = "must be at least 6s (the broker's group.min.session.timeout.ms), e.g. 10s")
        @DurationMax(minutes = 5, message = "must be at most 5m, e.g. 10s")
        private Duration sessionTimeout = Duration.ofSeconds(10);

        /** How long the producer waits to fill a batch before it sends. */
        @NotNull
        @DurationMax(seconds = 1, message = "must be at most 1s, e.g. 5ms")
        private Duration producerLinger = Duration.ofMillis(5);

        /** Most outbox rows the relay publishes in one round. */
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 50_000, message = "must be at most 50000, e.g. 2000")
        private int relayBatchSize = 2000;

        /** How long the idle relay waits before it looks for unpublished events again. */
        @NotNull
        @DurationMin(millis = 5, message = "must be at least 5ms, e.g. 100ms")
        @DurationMax(seconds = 10, message = "must be at most 10s, e.g. 100ms")
        private Duration relayInterval = Duration.ofMillis(100);

        public String getBootstrapServers() {
            return bootstrapServers;
        }

        public void setBootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
        }

        public String getTopicPrefix() {
            return topicPrefix;
        }

        public void setTopicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public int getMaxPollRecords() {
            return maxPollRecords;
        }

        public void setMaxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
        }

        public Duration getSessionTimeout() {
            return sessionTimeout;
        }

        public void setSessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public Duration getProducerLinger() {
            return producerLinger;
        }

        public void setProducerLinger(Duration producerLinger) {
            this.producerLinger = producerLinger;
        }

        public int getRelayBatchSize() {
            return relayBatchSize;
        }

        public void setRelayBatchSize(int relayBatchSize) {
            this.relayBatchSize = relayBatchSize;
        }

        public Duration getRelayInterval() {
            return relayInterval;
        }

        public void setRelayInterval(Duration relayInterval) {
            this.relayInterval = relayInterval;
        }
    }

    /**
     * Leader election among instances sharing the state database: scheduled pollers (routes with
     * routePolicy: leaderOnly) and the kafka bus's outbox relay run on the leader only.
     */
    public static class Leader {

        /** A leader that has not renewed its lock for this long is presumed dead and another instance takes over. */
        @NotNull
        @DurationMin(seconds = 2, message = "must be at least 2s, e.g. 10s")
        @DurationMax(minutes = 10, message = "must be at most 10m, e.g. 10s")
        private Duration lockTtl = Duration.ofSeconds(10);

        /** How often the leader renews its lock (and a follower tries to take it). */
        @NotNull
        @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 1s")
        private Duration heartbeat = Duration.ofSeconds(1);

        /** The leader must renew its lock well before it expires. */
        @AssertTrue(message = "omnisync.leader.heartbeat must be at most half of omnisync.leader.lock-ttl, e.g. 1s and 10s")
        public boolean isHeartbeatWithinTtl() {
            return heartbeat == null || lockTtl == null || heartbeat.multipliedBy(2).compareTo(lockTtl) <= 0;
        }

        public Duration getLockTtl() {
            return lockTtl;
        }

        public void setLockTtl(Duration lockTtl) {
            this.lockTtl = lockTtl;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }
    }

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
