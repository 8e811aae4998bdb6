package io.omnisync.platform.bus;

import io.omnisync.platform.bus.KafkaPartitions.Retry;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;

/**
 * One consumer thread of a route on the kafka bus. A poll's records are delivered in state-database transactions of
 * omnisync.bus.batch-size records, each under a savepoint: the route runs on this thread, and its effects, the
 * idempotency key {@code route:<group>} of the event and the journal's completion commit together; only then are the offsets
 * committed. A redelivery after a crash between the two finds the key and is skipped, so every effect happens once.
 * A transient failure seeks its partition back to the record and pauses that partition for the backoff (the other
 * partitions keep flowing, and the key's later events wait behind it); after omnisync.bus.max-attempts, or at once
 * for a permanent failure, the dead letter is written in the same transaction and the offset moves on.
 */
final class KafkaRouteWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRouteWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final String group;
    private final int thread;
    private final DefaultConsumer consumer;
    private final BusRuntime rt;
    private final KafkaRuntime kafka;
    private final KafkaPartitions partitions;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> client;

    KafkaRouteWorker(String topic, String group, int thread, DefaultConsumer consumer, BusRuntime rt, KafkaRuntime kafka,
                     AtomicInteger assigned) {
        this.topic = topic;
        this.group = group;
        this.thread = thread;
        this.consumer = consumer;
        this.rt = rt;
        this.kafka = kafka;
        this.partitions = new KafkaPartitions(group, thread, assigned);
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = client;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                kafka.bus().ensureTopics();
            } catch (Exception e) {
                LOG.warn("route {} waits for Kafka: {}", group, e.toString());
                sleep(2_000);
                continue;
            }
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.bus().consumerConfig(group, thread))) {
                client = c;
                partitions.reset(c);
                c.subscribe(List.of(kafka.bus().kafkaTopic(topic)), partitions);
                while (running) {
                    partitions.resumeDue();
                    ConsumerRecords<String, byte[]> records = c.poll(POLL);
                    if (!records.isEmpty()) {
                        deliver(c, records);
                    }
                }
            } catch (WakeupException stopping) {
                // stop() woke the consumer
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // The consumer failed (fenced, a commit refused after a long stall...): what was not committed is
                // delivered again, to this or another instance, and skipped there if its effect is recorded.
                LOG.warn("Kafka consumer of route {} failed, reconnecting: {}", group, e.toString());
                sleep(1_000);
            } finally {
                client = null;
            }
        }
    }

    /**
     * Delivers a poll's records in transactions of omnisync.bus.batch-size records (PostgreSQL keeps at most 64
     * subtransactions, one per savepoint that wrote, in its fast cache: larger transactions would slow every session),
     * committing the offsets after each. A partition whose record must be retried takes no further records.
     */
    private void deliver(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.partitions().forEach(partition -> all.addAll(records.records(partition)));
        Map<TopicPartition, Long> position = new HashMap<>(); // the next offset of each partition not yet committed
        records.partitions().forEach(partition -> position.put(partition, records.records(partition).get(0).offset()));
        Map<TopicPartition, Retry> newRetries = new HashMap<>();
        int batch = rt.settings().getBatchSize();
        for (int from = 0; from < all.size(); from += batch) {
            List<ConsumerRecord<String, byte[]>> chunk = all.subList(from, Math.min(all.size(), from + batch));
            Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
            Map<TopicPartition, Retry> chunkRetries = new HashMap<>();
            List<Runnable> afterCommit = new ArrayList<>();
            try {
                rt.tx().executeWithoutResult(status -> {
                    commits.clear();
                    chunkRetries.clear();
                    afterCommit.clear();
                    List<Long> completed = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> record : chunk) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (newRetries.containsKey(partition) || chunkRetries.containsKey(partition)) {
                            continue; // the rest of this partition waits behind its failed record
                        }
                        Retry retry = deliver(record, partition, status, afterCommit, completed);
                        if (retry != null) {
                            chunkRetries.put(partition, retry);
                        } else {
                            commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
                        }
                    }
                    rt.journal().completeIfAllRoutesDone(completed);
                });
            } catch (RuntimeException e) {
                // nothing of this chunk committed: read it and the rest of the poll again after a pause
                LOG.warn("route {} could not record {} Kafka records: {}", group, chunk.size(), e.toString());
                position.forEach((partition, offset) -> {
                    if (!newRetries.containsKey(partition)) {
                        c.seek(partition, offset);
                    }
                });
                sleep(rt.settings().getPollInterval().toMillis() * 5);
                break;
            }
            afterCommit.forEach(Runnable::run);
            newRetries.putAll(chunkRetries);
            commits.forEach((partition, offset) -> position.put(partition, offset.offset()));
            if (!commits.isEmpty()) {
                // after the effects are committed; a crash before this line redelivers them, and the keys skip them
                partitions.commit(commits);
            }
        }
        newRetries.forEach(partitions::scheduleRetry);
    }

    /** Delivers one record inside the transaction; returns a retry when its partition must wait and try again. */
    private Retry deliver(ConsumerRecord<String, byte[]> record, TopicPartition partition, TransactionStatus status,
                          List<Runnable> afterCommit, List<Long> completed) {
        Header target = record.headers().lastHeader(KafkaBus.TARGET_GROUP_HEADER);
        if (target != null && !group.equals(new String(target.value(), StandardCharsets.UTF_8))) {
            return null; // a replay for another route
        }
        JournalEntry entry;
        try {
            entry = BusEnvelope.read(kafka.mapper(), record.value());
        } catch (IllegalArgumentException poison) {
            LOG.warn("route {} skipped a record that is no bus event at {}-{}@{}: {}", group, record.topic(),
                    record.partition(), record.offset(), poison.getMessage());
            rt.deadLetters().recordUnjournalled(group, "kafka", record.topic() + "-" + record.partition() + "@"
                    + record.offset(), "unreadable", record.key() == null ? "" : record.key(),
                    "{}", ErrorClass.PARSE, "PARSE: " + poison.getMessage());
            afterCommit.add(() -> rt.metrics().failed(group, "kafka", ErrorClass.PARSE, false));
            return null;
        }
        Retry previous = partitions.retry(partition);
        int attempt = previous != null && previous.offset() == record.offset() ? previous.attempts() + 1 : 1;
        Object savepoint = status.createSavepoint();
        long started = System.nanoTime();
        if (!rt.idempotency().claimUnderSavepoint("route:" + group, Long.toString(entry.id()))) {
            status.rollbackToSavepoint(savepoint);
            afterCommit.add(() -> rt.metrics().skippedAlreadyDone(group, entry.source()));
            return null;
        }
        Throwable failure = runRoute(entry, attempt);
        if (failure == null) {
            status.releaseSavepoint(savepoint);
            completed.add(entry.id());
            partitions.retried(partition);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            afterCommit.add(() -> rt.metrics().processed(group, entry.source(), took));
            return null;
        }
        status.rollbackToSavepoint(savepoint);
        return onFailure(entry, record, partition, attempt, failure, afterCommit);
    }

    private Retry onFailure(JournalEntry entry, ConsumerRecord<String, byte[]> record, TopicPartition partition,
                            int attempt, Throwable failure, List<Runnable> afterCommit) {
        ErrorClass errorClass = ErrorClassifier.classify(failure);
        boolean retry = errorClass.transientFailure() && attempt < rt.settings().getMaxAttempts();
        afterCommit.add(() -> rt.metrics().failed(group, entry.source(), errorClass, retry));
        if (retry) {
            Duration wait = Backoff.of(rt.settings(), attempt, failure);
            LOG.warn("route {} failed on {} {} (journal {}, {}-{}@{}), attempt {} of {}, retry in {} ms: {}", group,
                    entry.eventType(), entry.entityKey(), entry.id(), record.topic(), record.partition(), record.offset(),
                    attempt, rt.settings().getMaxAttempts(), wait.toMillis(), errorClass);
            return new Retry(record.offset(), attempt, System.nanoTime() + wait.toNanos());
        }
        String reason = errorClass + ": " + ErrorClassifier.reason(failure);
        rt.deadLetters().record(group, entry, errorClass, reason, attempt, entry.receivedAt());
        rt.journal().markFailed(entry.id());
        partitions.retried(partition);
        LOG.warn("route {} gave up on {} {} (journal {}, {}-{}@{}) after {} attempts: {}; written to the dead-letter store",
                group, entry.eventType(), entry.entityKey(), entry.id(), record.topic(), record.partition(),
                record.offset(), attempt, errorClass);
        return null;
    }

    private Throwable runRoute(JournalEntry entry, int attempt) {
        Exchange exchange = consumer.createExchange(false);
        try {
            // only omnisync's own headers: nothing a record carries reaches the route
            exchange.getIn().setBody(entry.payload());
            exchange.getIn().setHeader(BusHeaders.EVENT_TYPE, entry.eventType());
            exchange.getIn().setHeader(BusHeaders.ENTITY_KEY, entry.entityKey());
            exchange.getIn().setHeader(BusHeaders.SOURCE, entry.source());
            exchange.getIn().setHeader(BusHeaders.SOURCE_EVENT_ID, entry.sourceEventId());
            exchange.getIn().setHeader(BusHeaders.JOURNAL_ID, entry.id());
            exchange.getIn().setHeader(BusHeaders.ATTEMPT, attempt);
            exchange.setProperty(BusHeaders.EVENT_PROPERTY, rt.journal().event(entry));
            consumer.getProcessor().process(exchange);
            return exchange.getException();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return e;
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
