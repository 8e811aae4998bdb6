package io.omnisync.platform.bus;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.journal.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;

/**
 * Delivers bus messages to a route inside one database transaction: claim a row, run the route on this
 * thread (its database effects join the transaction), then acknowledge; repeat for a small batch, commit. A failure rolls the route's
 * effects back to a savepoint and, in the same transaction, either schedules a retry with backoff and
 * jitter or writes a dead letter. A crash at any point leaves either everything or nothing committed.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final String topic;
    private final String group;
    private final DefaultConsumer consumer;
    private final BusRuntime rt;
    private boolean lastBatchFailed;

    Delivery(String topic, String group, DefaultConsumer consumer, BusRuntime rt) {
        this.topic = topic;
        this.group = group;
        this.consumer = consumer;
        this.rt = rt;
    }

    /**
     * Delivers the next messages, up to omnisync.bus.batch-size of them or for omnisync.bus.batch-time, in one
     * transaction (each under a savepoint of its own), so the state database commits once per batch instead of
     * once per event. Returns false when the topic has nothing for this route.
     */
    boolean deliverNext() {
        long deadline = System.nanoTime() + rt.settings().getBatchTime().toNanos();
        int batchSize = lastBatchFailed ? 1 : rt.settings().getBatchSize();
        lastBatchFailed = true; // until this batch commits: a batch that cannot commit is retried one event at a time
        List<Runnable> afterCommit = rt.tx().execute(status -> {
            List<Runnable> delivered = new ArrayList<>();
            while (delivered.size() < batchSize && System.nanoTime() < deadline) {
                if (batchSize == 1) {
                    Optional<BusMessage> claimed = rt.bus().claimNext(topic, group);
                    if (claimed.isEmpty()) {
                        break;
                    }
                    delivered.add(deliver(claimed.get(), status));
                } else {
                    List<BusMessage> claimed = rt.bus().claimBatch(topic, group, batchSize - delivered.size());
                    if (claimed.isEmpty()) {
                        break;
                    }
                    delivered.addAll(deliverAll(claimed, status));
                }
            }
            return delivered;
        });
        lastBatchFailed = false;
        if (afterCommit == null || afterCommit.isEmpty()) {
            return false;
        }
        afterCommit.forEach(Runnable::run);
        return true;
    }

    /**
     * {@link #deliver} for a claimed batch with the bookkeeping batched: the journal entries read in one query, the
     * route's idempotency keys checked in one and recorded in one batched insert, the delivered messages acknowledged
     * and their entries completed in three statements. Each route run still has a savepoint of its own, so one
     * event's failure rolls back only its effects. A key claimed concurrently fails the whole transaction, which is
     * then retried one event at a time.
     */
    private List<Runnable> deliverAll(List<BusMessage> batch, TransactionStatus status) {
        String scope = "route:" + group;
        Map<Long, JournalEntry> entries = rt.journal().findAll(batch.stream().map(BusMessage::journalId).toList());
        Set<String> done = rt.idempotency().seenAll(scope, batch.stream().map(m -> Long.toString(m.journalId())).toList());
        List<Runnable> counted = new ArrayList<>(batch.size());
        List<BusMessage> finished = new ArrayList<>(batch.size());
        Set<String> claimed = new java.util.LinkedHashSet<>();
        for (BusMessage message : batch) {
            JournalEntry entry = entries.get(message.journalId());
            if (entry == null) {
                throw new IllegalStateException("bus message " + message.id() + " refers to journal entry "
                        + message.journalId() + " which is gone");
            }
            String key = Long.toString(entry.id());
            if (done.contains(key) || claimed.contains(key)) {
                finished.add(message);
                counted.add(() -> rt.metrics().skippedAlreadyDone(group, entry.source()));
                continue;
            }
            Object savepoint = status.createSavepoint();
            long started = System.nanoTime();
            Throwable failure = runRoute(entry, message);
            if (failure == null) {
                status.releaseSavepoint(savepoint);
                finished.add(message);
                claimed.add(key);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                counted.add(() -> rt.metrics().processed(group, entry.source(), took));
            } else {
                status.rollbackToSavepoint(savepoint);
                counted.add(onFailure(message, entry, failure));
            }
        }
        rt.idempotency().recordAll(scope, claimed);
        rt.journal().completeIfLast(finished.stream().map(BusMessage::journalId).toList(),
                () -> rt.bus().acknowledgeAll(finished));
        return counted;
    }

    /** Runs the route in the caller's transaction; returns what to count once that transaction committed. */
    private Runnable deliver(BusMessage message, TransactionStatus status) {
        JournalEntry entry = rt.journal().find(message.journalId()).orElseThrow(() -> new IllegalStateException(
                "bus message " + message.id() + " refers to journal entry " + message.journalId() + " which is gone"));
        Object savepoint = status.createSavepoint();
        long started = System.nanoTime();
        if (!rt.idempotency().claim("route:" + group, Long.toString(entry.id()))) {
            status.releaseSavepoint(savepoint);
            finish(message, entry);
            return () -> rt.metrics().skippedAlreadyDone(group, entry.source());
        }
        Throwable failure = runRoute(entry, message);
        if (failure == null) {
            status.releaseSavepoint(savepoint);
            finish(message, entry);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return () -> rt.metrics().processed(group, entry.source(), took);
        }
        status.rollbackToSavepoint(savepoint);
        return onFailure(message, entry, failure);
    }

    private Throwable runRoute(JournalEntry entry, BusMessage message) {
        Exchange exchange = consumer.createExchange(false);
        try {
            exchange.getIn().setBody(entry.payload());
            exchange.getIn().setHeader(BusHeaders.EVENT_TYPE, entry.eventType());
            exchange.getIn().setHeader(BusHeaders.ENTITY_KEY, entry.entityKey());
            exchange.getIn().setHeader(BusHeaders.SOURCE, entry.source());
            exchange.getIn().setHeader(BusHeaders.SOURCE_EVENT_ID, entry.sourceEventId());
            exchange.getIn().setHeader(BusHeaders.JOURNAL_ID, entry.id());
            exchange.getIn().setHeader(BusHeaders.ATTEMPT, message.attempts() + 1);
            exchange.setProperty(BusHeaders.EVENT_PROPERTY, rt.journal().event(entry));
            consumer.getProcessor().process(exchange);
            return exchange.getException();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // an Error from a route (a linkage or assertion error, say) is that event's failure, not the consumer's
            return e;
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    private void finish(BusMessage message, JournalEntry entry) {
        rt.journal().lockForCompletion(entry.id());
        rt.bus().acknowledge(message);
        rt.journal().completeIfLast(entry.id());
    }

    private Runnable onFailure(BusMessage message, JournalEntry entry, Throwable failure) {
        ErrorClass errorClass = ErrorClassifier.classify(failure);
        String reason = errorClass + ": " + ErrorClassifier.reason(failure);
        int attempt = message.attempts() + 1;
        boolean retry = errorClass.transientFailure() && attempt < rt.settings().getMaxAttempts();
        if (retry) {
            Duration wait = Backoff.of(rt.settings(), attempt, failure);
            rt.bus().retryLater(message, rt.clock().instant().plus(wait), reason);
            LOG.warn("route {} failed on {} {} (journal {}), attempt {} of {}, retry in {} ms: {}", group,
                    entry.eventType(), entry.entityKey(), entry.id(), attempt, rt.settings().getMaxAttempts(),
                    wait.toMillis(), errorClass);
        } else {
            Instant firstFailed = entry.receivedAt();
            rt.deadLetters().record(group, entry, errorClass, reason, attempt, firstFailed);
            rt.bus().acknowledge(message);
            rt.journal().markFailed(entry.id());
            LOG.warn("route {} gave up on {} {} (journal {}) after {} attempts: {}; written to the dead-letter store",
                    group, entry.eventType(), entry.entityKey(), entry.id(), attempt, errorClass);
        }
        return () -> rt.metrics().failed(group, entry.source(), errorClass, retry);
    }

    /** Exponential backoff capped at maxBackoff, with "equal jitter": half fixed, half random. */
    Duration backoff(int attempt) {
        return Backoff.of(rt.settings(), attempt);
    }
}
