package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the bus topics that are missing (one per domain, omnisync.bus.kafka.partitions and replication-factor,
 * min.insync.replicas one below the replication factor). Topics that exist are left as they are.
 */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private final KafkaBus bus;

    KafkaTopics(KafkaBus bus) {
        this.bus = bus;
    }

    /** Creates what is missing; throws when the brokers cannot be reached within 15 s. */
    void ensure() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(bus.adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            short replication = bus.settings().getReplicationFactor();
            String minIsr = Integer.toString(Math.max(1, replication - 1));
            List<NewTopic> missing = new ArrayList<>();
            for (Domain domain : Domain.values()) {
                String name = bus.kafkaTopic(domain.topic());
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, bus.settings().getPartitions(), replication)
                            .configs(Map.of("min.insync.replicas", minIsr)));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(15, TimeUnit.SECONDS);
                    LOG.info("created Kafka topic {} ({} partitions, replication factor {})", created.getKey(),
                            bus.settings().getPartitions(), replication);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another instance creating it at the same moment is fine
                    }
                }
            }
        }
    }
}
