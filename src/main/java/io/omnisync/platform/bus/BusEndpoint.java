package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * One topic of the bus. Each route reading it is its own consumer group (named after the route id) and gets
 * every event. Option {@code consumers} overrides omnisync.bus.consumers for this route.
 */
public class BusEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    private final Domain domain;
    private final BusRuntime runtime;
    private final KafkaRuntime kafka;
    private int consumers;

    BusEndpoint(String uri, BusComponent component, Domain domain, BusRuntime runtime, KafkaRuntime kafka) {
        super(uri, component);
        this.domain = domain;
        this.runtime = runtime;
        this.kafka = kafka;
        this.consumers = runtime.settings().getConsumers();
    }

    @Override
    public Producer createProducer() {
        return new BusProducer(this, runtime);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DefaultConsumer consumer = kafka == null ? new BusConsumer(this, processor, runtime)
                : new KafkaBusConsumer(this, processor, runtime, kafka);
        configureConsumer(consumer);
        return consumer;
    }

    /** Every route reading a topic is a consumer group of its own and gets every event. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    public Domain getDomain() {
        return domain;
    }

    public int getConsumers() {
        return consumers;
    }

    public void setConsumers(int consumers) {
        if (consumers < 1 || consumers > 64) {
            throw new IllegalArgumentException("bus consumers must be between 1 and 64, was " + consumers);
        }
        this.consumers = consumers;
    }
}
