package io.omnisync.platform.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.cluster.Leadership;
import io.omnisync.platform.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The kafka bus's outbox relay. On the leader only (one relay at a time keeps each key's records in journal order),
 * it reads the oldest unpublished outbox rows, sends them keyed by entity key with the idempotent acks=all producer,
 * waits for the broker's acknowledgements and only then deletes the rows. While Kafka is down nothing is deleted:
 * the events wait in the journal and go out when the brokers are back. A crash between send and delete sends a
 * record twice; consumers skip the repeat by its idempotency key.
 */
public class OutboxRelay implements SmartLifecycle, Leadership.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String BATCH = """
            SELECT o.id AS outbox_id, o.target_group, j.* FROM bus_outbox o JOIN journal j ON j.id = o.journal_id
            ORDER BY o.id LIMIT ?""";

    private record Row(long outboxId, String targetGroup, JournalEntry entry) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("outbox_id"), rs.getString("target_group"),
            new JournalEntry(rs.getLong("id"), rs.getString("source"), rs.getString("source_event_id"),
                    rs.getString("event_type"), rs.getString("domain"), rs.getString("entity_key"),
                    rs.getString("payload"), rs.getTimestamp("received_at").toInstant()));

    private final KafkaBus bus;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final BusSignal signal;
    private final Leadership leadership;
    private final Counter published;
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(KafkaBus bus, JdbcTemplate jdbc, ObjectMapper mapper, BusSignal signal, Leadership leadership,
                       MeterRegistry registry) {
        this.bus = bus;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.signal = signal;
        this.leadership = leadership;
        this.published = Counter.builder("omnisync.bus.published").description("Records the outbox relay published to Kafka")
                .register(registry);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "kafka-outbox-relay");
        thread.setDaemon(true);
        thread.start();
        leadership.addListener(this);
    }

    @Override
    public void stop() {
        running = false;
        leadership.removeListener(this);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void granted() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    @Override
    public void revoked() {
        // the loop checks leadership before every round
    }

    private void run() {
        long idle = bus.settings().getRelayInterval().toMillis();
        Producer<String, byte[]> producer = null;
        try {
            while (running) {
                try {
                    bus.ensureTopics(); // on every instance at start-up, so consumers find their topics
                    if (!leadership.isLeader()) {
                        synchronized (wake) {
                            wake.wait(1_000);
                        }
                        continue;
                    }
                    if (producer == null) {
                        producer = new KafkaProducer<>(bus.producerConfig());
                    }
                    if (relayOnce(producer) == 0) {
                        signal.await(idle);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // Kafka or the state database is unreachable: the rows stay, the next round sends them again
                    LOG.warn("outbox relay could not publish: {}; retrying in 1 s", e.toString());
                    sleep(1_000);
                }
            }
        } finally {
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(5));
            }
        }
    }

    /** Publishes the oldest unpublished rows; returns how many were published and deleted. */
    int relayOnce(Producer<String, byte[]> producer) throws InterruptedException {
        List<Row> rows = jdbc.query(BATCH, ROW, bus.settings().getRelayBatchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(bus.kafkaTopic(row.entry().domain()),
                    row.entry().entityKey(), BusEnvelope.write(mapper, row.entry()));
            if (row.targetGroup() != null) {
                record.headers().add(KafkaBus.TARGET_GROUP_HEADER, row.targetGroup().getBytes(StandardCharsets.UTF_8));
            }
            sent.add(producer.send(record));
        }
        producer.flush();
        List<Object[]> acknowledged = new ArrayList<>(rows.size());
        Set<String> failedKeys = new HashSet<>();
        String failure = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            try {
                sent.get(i).get(35, TimeUnit.SECONDS);
                // after a key's failure its later rows stay queued too, so they go out again in journal order
                if (!failedKeys.contains(row.entry().entityKey())) {
                    acknowledged.add(new Object[] {row.outboxId()});
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                failedKeys.add(row.entry().entityKey());
                failure = e.getCause() == null ? e.toString() : e.getCause().toString();
            }
        }
        if (!acknowledged.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM bus_outbox WHERE id = ?", acknowledged);
            published.increment(acknowledged.size());
        }
        if (failure != null) {
            throw new IllegalStateException((rows.size() - acknowledged.size()) + " of " + rows.size()
                    + " records were not acknowledged by Kafka (" + failure + "); they stay in the outbox");
        }
        return acknowledged.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
