package io.omnisync.platform.bus;

import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.event.Domain;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code kafka} bus's publishing side, a transactional outbox: {@link #publish} runs in the journal's transaction
 * and writes an outbox row next to the journal entry, so an event is acknowledged to its sender only when it is
 * stored and queued for Kafka; {@link OutboxRelay} sends it later. Also names the topics and builds client settings.
 */
public class KafkaBus implements BusPublisher {

    /** Record header naming the one route a replayed record is for; every other route skips it. */
    public static final String TARGET_GROUP_HEADER = "omnisync-target-group";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PlatformProperties.Kafka settings;
    private final String instanceId;
    /** Topics with at least one subscribed route; subscriptions are never removed, so this only grows. */
    private final Set<String> routedTopics = ConcurrentHashMap.newKeySet();
    private volatile boolean topicsReady;

    public KafkaBus(JdbcTemplate jdbc, Clock clock, PlatformProperties.Kafka settings, String instanceId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.instanceId = instanceId;
    }

    @Override
    public int publish(long journalId, Domain domain, String key) {
        int routes = routes(domain.topic());
        if (routes > 0) {
            insert(journalId, domain, key, null);
        }
        return routes;
    }

    /** Queues a replay for one route: the record carries header {@value #TARGET_GROUP_HEADER}. */
    @Override
    public void publishTo(long journalId, Domain domain, String key, String group) {
        insert(journalId, domain, key, group);
    }

    private void insert(long journalId, Domain domain, String key, String group) {
        jdbc.update("INSERT INTO bus_outbox (journal_id, topic, message_key, target_group, created_at) VALUES (?, ?, ?, ?, ?)",
                journalId, domain.topic(), key, group, Timestamp.from(clock.instant()));
    }

    private int routes(String topic) {
        if (routedTopics.contains(topic)) {
            return 1;
        }
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM bus_subscription WHERE topic = ?", Integer.class, topic);
        if (n != null && n > 0) {
            routedTopics.add(topic);
        }
        return n == null ? 0 : n;
    }

    /**
     * Creates the missing bus topics once per start (relay and consumers call it before they use Kafka); throws while
     * the brokers cannot be reached, so the caller retries.
     */
    public void ensureTopics() throws Exception {
        if (topicsReady) {
            return;
        }
        synchronized (this) {
            if (!topicsReady) {
                new KafkaTopics(this).ensure();
                topicsReady = true;
            }
        }
    }

    /** The Kafka topic of a bus topic, e.g. omnisync.stock. */
    public String kafkaTopic(String topic) {
        return settings.getTopicPrefix() + topic;
    }

    public PlatformProperties.Kafka settings() {
        return settings;
    }

    /** An idempotent producer that waits for every in-sync replica (acks=all). */
    Map<String, Object> producerConfig() {
        Map<String, Object> config = common("relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.getProducerLinger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** A route's consumer: group = route id, offsets committed by omnisync after the effect is recorded. */
    Map<String, Object> consumerConfig(String group, int thread) {
        Map<String, Object> config = common(group + "-" + thread);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.getMaxPollRecords());
        int session = (int) settings.getSessionTimeout().toMillis();
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 4));
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    Map<String, Object> adminConfig() {
        return common("admin");
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.getBootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "omnisync-" + instanceId + "-" + role);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return config;
    }
}
