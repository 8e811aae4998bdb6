package io.omnisync.platform.bus;

import io.micrometer.core.instrument.Gauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route reading {@code bus:<topic>} on the kafka bus: {@code consumers} threads per instance, each with a Kafka
 * consumer in group = route id, so every route gets every event and the group's partitions are spread over the
 * threads of every instance running the route.
 */
public class KafkaBusConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBusConsumer.class);

    private final BusEndpoint endpoint;
    private final BusRuntime runtime;
    private final KafkaRuntime kafka;
    private final AtomicInteger assigned = new AtomicInteger();
    private final List<KafkaRouteWorker> workers = new ArrayList<>();
    private ExecutorService executor;

    KafkaBusConsumer(BusEndpoint endpoint, Processor processor, BusRuntime runtime, KafkaRuntime kafka) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.runtime = runtime;
        this.kafka = kafka;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String group = getRouteId();
        if (group == null) {
            throw new IllegalStateException("a route reading " + endpoint.getEndpointUri() + " needs an id");
        }
        String topic = endpoint.getDomain().topic();
        runtime.bus().subscribe(topic, group); // the journal queues events only for topics somebody reads
        Gauge.builder("omnisync.bus.partitions", assigned, AtomicInteger::get)
                .description("Kafka partitions assigned to this instance's consumers of a route")
                .tag("route", group).register(kafka.registry());
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "kafka-bus-" + group, endpoint.getConsumers());
        for (int i = 0; i < endpoint.getConsumers(); i++) {
            KafkaRouteWorker worker = new KafkaRouteWorker(topic, group, i, this, runtime, kafka, assigned);
            workers.add(worker);
            executor.submit(worker);
        }
        LOG.info("route {} consumes Kafka topic {} with {} threads", group, kafka.bus().kafkaTopic(topic),
                endpoint.getConsumers());
    }

    @Override
    protected void doStop() throws Exception {
        workers.forEach(KafkaRouteWorker::stop);
        workers.clear();
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 15_000);
            executor = null;
        }
        super.doStop();
    }
}
