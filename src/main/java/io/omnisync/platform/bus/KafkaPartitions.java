package io.omnisync.platform.bus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one consumer thread of a route knows about its partitions: which failed record waits for its retry where, the
 * offsets of recorded effects the broker has not accepted yet, and how many partitions it owns (the route's gauge).
 * As the group's rebalance listener it commits what it can of a partition that moves away and forgets the rest.
 * Used by the consumer's own thread only.
 */
final class KafkaPartitions implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPartitions.class);

    /** A failed record waiting for its next attempt. */
    record Retry(long offset, int attempts, long dueNanos) {
    }

    private final String group;
    private final int thread;
    private final AtomicInteger assigned;
    private final Map<TopicPartition, Retry> retries = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private KafkaConsumer<String, byte[]> client;

    KafkaPartitions(String group, int thread, AtomicInteger assigned) {
        this.group = group;
        this.thread = thread;
        this.assigned = assigned;
    }

    /** Starts over with a new consumer (after a failed one was closed). */
    void reset(KafkaConsumer<String, byte[]> consumer) {
        client = consumer;
        retries.clear();
        uncommitted.clear();
    }

    Retry retry(TopicPartition partition) {
        return retries.get(partition);
    }

    boolean waiting(TopicPartition partition) {
        return retries.containsKey(partition);
    }

    /** Seeks the partition back to the failed record and pauses it until the retry is due. */
    void scheduleRetry(TopicPartition partition, Retry retry) {
        retries.put(partition, retry);
        client.seek(partition, retry.offset());
        client.pause(List.of(partition));
    }

    void retried(TopicPartition partition) {
        retries.remove(partition);
    }

    /** Resumes paused partitions whose backoff is over; their failed record is polled again. */
    void resumeDue() {
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        retries.forEach((partition, retry) -> {
            if (now - retry.dueNanos() >= 0 && client.paused().contains(partition)) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            client.resume(due);
        }
    }

    /**
     * Commits offsets; while the group rebalances the broker refuses, and the offsets are kept for the next commit (or
     * committed when their partitions are revoked). The consumer carries on: leaving the group over it would only start
     * another rebalance. Records whose offsets never got committed are redelivered and skipped by their keys.
     */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        uncommitted.putAll(offsets);
        try {
            client.commitSync(uncommitted);
            uncommitted.clear();
        } catch (RebalanceInProgressException | CommitFailedException e) {
            LOG.debug("route {} keeps {} offsets for the next commit: {}", group, uncommitted.size(), e.toString());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
        partitions.stream().filter(uncommitted::containsKey).forEach(p -> leaving.put(p, uncommitted.get(p)));
        if (!leaving.isEmpty()) {
            try {
                client.commitSync(leaving); // allowed here: the rebalance waits for this callback
            } catch (RuntimeException e) {
                LOG.debug("route {} could not commit offsets of revoked partitions: {}", group, e.toString());
            }
        }
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        assigned.addAndGet(partitions.size());
        if (!partitions.isEmpty()) {
            LOG.info("route {} thread {} was assigned {}", group, thread, partitions);
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        assigned.addAndGet(-partitions.size());
        uncommitted.keySet().removeAll(partitions);
        retries.keySet().removeAll(partitions);
    }
}
