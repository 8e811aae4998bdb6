package io.omnisync.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.cluster.Leadership;
import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.Domain;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.support.KafkaBroker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kafka bus on a real KRaft broker (in this JVM) and a real PostgreSQL: the outbox relay publishes journalled
 * events keyed by entity to a topic per domain, every route (consumer group) gets every event in key order, a transient
 * failure is retried while other partitions keep flowing, a poison event is dead-lettered after the budget and the
 * partition moves on, and a replay reaches only the route it is for. One broker serves the whole class; every test
 * uses topics of its own (a prefix per test).
 */
class KafkaBusTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final AtomicInteger PREFIX = new AtomicInteger();
    private static KafkaBroker broker;

    private StateDatabase db;
    private CamelContext camel;
    private OutboxRelay relay;
    private KafkaBus kafkaBus;
    private Journal journal;

    @BeforeAll
    static void startBroker() {
        broker = new KafkaBroker().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void openDatabase() {
        db = Engine.POSTGRESQL.open();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (relay != null) {
            relay.stop();
        }
        db.close();
    }

    /** Starts the bus with these routes: relay leading, 3 partitions per topic, fast retries. */
    private void start(int maxAttempts, RouteBuilder... routes) throws Exception {
        start(maxAttempts, Duration.ofMillis(100), routes);
    }

    private void start(int maxAttempts, Duration initialBackoff, RouteBuilder... routes) throws Exception {
        PlatformProperties properties = new PlatformProperties();
        PlatformProperties.Bus settings = properties.getBus();
        settings.setKind(PlatformProperties.BusKind.KAFKA);
        settings.setMaxAttempts(maxAttempts);
        settings.setInitialBackoff(initialBackoff);
        settings.setMaxBackoff(initialBackoff.multipliedBy(4));
        settings.setConsumers(2);
        settings.getKafka().setBootstrapServers(broker.bootstrapServers());
        settings.getKafka().setTopicPrefix("t" + PREFIX.incrementAndGet() + ".");
        settings.getKafka().setPartitions(3);
        settings.getKafka().setReplicationFactor((short) 1);
        settings.getKafka().setSessionTimeout(Duration.ofSeconds(6));
        settings.getKafka().setRelayInterval(Duration.ofMillis(20));
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BusSignal signal = new BusSignal();
        kafkaBus = new KafkaBus(db.jdbc(), clock, settings.getKafka(), "test");
        journal = new Journal(db.jdbc(), db.tx(), JSON, kafkaBus, clock);
        BusRuntime runtime = new BusRuntime(new JdbcBus(db.jdbc(), clock), journal,
                new IdempotencyKeys(db.jdbc(), clock, Duration.ofDays(3)), new DeadLetters(db.jdbc(), clock), db.tx(),
                settings, new BusMetrics(registry), signal, clock);
        Leadership leadership = new Leadership("test");
        leadership.onGranted(null);
        relay = new OutboxRelay(kafkaBus, db.jdbc(), JSON, signal, leadership, registry);
        relay.start();
        camel = new DefaultCamelContext();
        camel.addComponent("bus", new BusComponent(runtime, new KafkaRuntime(kafkaBus, JSON, registry)));
        for (RouteBuilder route : routes) {
            camel.addRoutes(route);
        }
        camel.start();
    }

    /** A route on bus:stock that records "sku@version" of every event it completes and fails as told. */
    private static RouteBuilder route(String id, List<String> done, Predicate<Exchange> fails, ErrorClass errorClass) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("bus:stock").routeId(id).process((Exchange exchange) -> {
                    StockChanged event = exchange.getProperty(BusHeaders.EVENT_PROPERTY, StockChanged.class);
                    if (fails.test(exchange)) {
                        throw new IntegrationException(errorClass, "scripted failure of " + event.sku());
                    }
                    done.add(event.sku() + "@" + event.version());
                });
            }
        };
    }

    private long publish(String sku, long version, String eventId) {
        StockChanged event = new StockChanged(sku, "us_warehouse", BigDecimal.valueOf(version % 50), true, version, Instant.now());
        return journal.append("magento", List.of(new SourcedEvent(eventId, event))).journalIds().get(0);
    }

    private String status(long journalId) {
        return db.jdbc().queryForObject("SELECT status FROM journal WHERE id = ?", String.class, journalId);
    }

    private int pending() {
        Integer n = db.jdbc().queryForObject("SELECT COUNT(*) FROM journal WHERE status = 'PENDING'", Integer.class);
        return n == null ? 0 : n;
    }

    @Test
    void shouldDeliverEveryEventToEveryRouteInKeyOrderAsJsonKeyedBySku() throws Exception {
        List<String> ledger = new CopyOnWriteArrayList<>();
        List<String> audit = new CopyOnWriteArrayList<>();
        start(3, route("ledger", ledger, e -> false, ErrorClass.UNKNOWN), route("audit", audit, e -> false, ErrorClass.UNKNOWN));
        int events = 300;
        for (int i = 0; i < events; i++) {
            publish("SKU-" + (i % 20), 1_000 + i, "evt-" + i);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.size() == events && audit.size() == events && pending() == 0);

        for (List<String> route : List.of(ledger, audit)) {
            Map<String, Long> last = new ConcurrentHashMap<>();
            for (String done : route) {
                String sku = done.substring(0, done.indexOf('@'));
                long version = Long.parseLong(done.substring(done.indexOf('@') + 1));
                assertThat(version).as("versions of " + sku + " arrive in journal order").isGreaterThan(last.getOrDefault(sku, 0L));
                last.put(sku, version);
            }
        }
        assertThat(db.count("bus_outbox")).as("every outbox row published and removed").isZero();
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE scope IN ('route:ledger', 'route:audit')",
                Integer.class)).isEqualTo(2 * events);
        ConsumerRecord<String, byte[]> record = firstRecord(kafkaBus.kafkaTopic("stock"));
        assertThat(record.key()).startsWith("SKU-");
        JsonNode value = JSON.readTree(record.value());
        assertThat(value.path("type").asText()).isEqualTo("StockChanged");
        assertThat(value.path("key").asText()).isEqualTo(record.key());
        assertThat(value.path("event").path("sku").asText()).isEqualTo(record.key());
    }

    @Test
    void shouldRetryAFailingEventWhileOtherPartitionsFlowThenDeadLetterItAndMoveOn() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        List<Long> poisonAttempts = new CopyOnWriteArrayList<>();
        List<Long> othersDone = new CopyOnWriteArrayList<>();
        start(4, Duration.ofSeconds(1), route("ledger", done, e -> {
            if ("poison".equals(e.getIn().getHeader(BusHeaders.SOURCE_EVENT_ID))) {
                return poisonAttempts.add(System.nanoTime());
            }
            othersDone.add(System.nanoTime());
            return false;
        }, ErrorClass.INTERMITTENT));
        long poison = publish("HOT", 1, "poison");
        long behind = publish("HOT", 2, "after-poison");
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            others.add(publish("OTHER-" + i, 1, "other-" + i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(status(poison)) && "PROCESSED".equals(status(behind)));

        assertThat(poisonAttempts).as("omnisync.bus.max-attempts deliveries").hasSize(4);
        assertThat(othersDone).as("events of other keys handled while the failing one waited for its retries (seconds)")
                .anySatisfy(t -> assertThat(t).isLessThan(poisonAttempts.get(3)));
        assertThat(done).as("the event behind the poison one, on its key, after it").contains("HOT@2").doesNotContain("HOT@1");
        assertThat(others).allSatisfy(id -> assertThat(status(id)).isEqualTo("PROCESSED"));
        assertThat(db.jdbc().queryForObject("SELECT error_class || ' ' || attempts || ' ' || route_id FROM dead_letter "
                + "WHERE journal_id = ?", String.class, poison)).isEqualTo("INTERMITTENT 4 ledger");
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", Integer.class,
                Long.toString(poison))).as("no effect recorded for the dead letter").isZero();
    }

    @Test
    void shouldDeadLetterAnUnreadableRecordAndKeepThePartitionFlowing() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        start(3, route("ledger", done, e -> false, ErrorClass.UNKNOWN));
        await().atMost(Duration.ofSeconds(30)).until(() -> topicExists(kafkaBus.kafkaTopic("stock")));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(kafkaBus.kafkaTopic("stock"), "BROKEN", "{not json".getBytes())).get();
        }
        long after = publish("BROKEN", 5, "after-broken");

        await().atMost(Duration.ofSeconds(60)).until(() -> "PROCESSED".equals(status(after)));

        assertThat(done).containsExactly("BROKEN@5");
        assertThat(db.jdbc().queryForObject("SELECT error_class || ' ' || source || ' ' || entity_key FROM dead_letter",
                String.class)).isEqualTo("PARSE kafka BROKEN");
    }

    /** Matrix row 22 on Kafka: record headers in any letter case never reach the route; only omnisync's own are set. */
    @Test
    void shouldKeepEveryHeaderARecordCarriesOutOfTheRoute() throws Exception {
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        start(3, new RouteBuilder() {
            @Override
            public void configure() {
                from("bus:stock").routeId("headers").process(e -> seen.add(Map.copyOf(e.getIn().getHeaders())));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> topicExists(kafkaBus.kafkaTopic("stock")));
        relay.stop(); // the record below is produced by "someone else" with write access to the topic
        long id = publish("HOSTILE", 1, "hostile-headers");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(kafkaBus.kafkaTopic("stock"), "HOSTILE",
                BusEnvelope.write(JSON, journal.find(id).orElseThrow()));
        for (String name : List.of("CamelHttpUri", "cAmElBeanMethodName", "CAMELEXECCOMMANDEXECUTABLE", "camelFileName",
                "OmnisyncSource", "omnisyncentitykey")) {
            record.headers().add(name, "http://169.254.169.254/".getBytes());
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(record).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 1);

        Map<String, Object> headers = seen.get(0);
        assertThat(headers.keySet()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("camel"));
        assertThat(headers.values()).noneMatch(v -> String.valueOf(v).contains("169.254"));
        assertThat(headers.get(BusHeaders.SOURCE)).isEqualTo("magento");
        assertThat(headers.get(BusHeaders.ENTITY_KEY)).isEqualTo("HOSTILE");
    }

    @Test
    void shouldReplayADeadLetterToTheRouteThatGaveUpOnlyAndCompleteTheJournal() throws Exception {
        List<String> ledger = new CopyOnWriteArrayList<>();
        List<String> audit = new CopyOnWriteArrayList<>();
        AtomicBoolean broken = new AtomicBoolean(true);
        start(3, route("ledger", ledger, e -> broken.get(), ErrorClass.MISSING),
                route("audit", audit, e -> false, ErrorClass.UNKNOWN));
        long id = publish("SKU-R", 7, "replay-me");
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(status(id)) && audit.size() == 1);

        broken.set(false);
        db.tx().executeWithoutResult(s -> {
            journal.reopen(id);
            kafkaBus.publishTo(id, Domain.STOCK, "SKU-R", "ledger");
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> "PROCESSED".equals(status(id)));
        assertThat(ledger).containsExactly("SKU-R@7");
        assertThat(audit).as("the other route skips a replay that is not for it").containsExactly("SKU-R@7");
    }

    private static boolean topicExists(String topic) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listTopics().names().get().contains(topic);
        } catch (Exception e) {
            return false;
        }
    }

    private static ConsumerRecord<String, byte[]> firstRecord(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "inspect-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                "key.deserializer", StringDeserializer.class, "value.deserializer", ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
