package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code bus:<topic>} Camel component. {@code from: bus:stock} consumes the stock topic as a group named
 * after the route id; {@code to: bus:orders} journals the exchange's canonical event and queues it. Routes read the
 * same on both buses (omnisync.bus.kind): only the consumer behind the endpoint differs.
 */
public class BusComponent extends DefaultComponent {

    private final BusRuntime runtime;
    private final KafkaRuntime kafka;

    /** The jdbc bus. */
    public BusComponent(BusRuntime runtime) {
        this(runtime, null);
    }

    /** The kafka bus when {@code kafka} is given, else the jdbc bus. */
    public BusComponent(BusRuntime runtime, KafkaRuntime kafka) {
        this.runtime = runtime;
        this.kafka = kafka;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Domain domain = Arrays.stream(Domain.values()).filter(d -> d.topic().equals(remaining.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("bus topic '" + remaining
                        + "' does not exist; use one of " + Arrays.stream(Domain.values()).map(Domain::topic).toList()));
        BusEndpoint endpoint = new BusEndpoint(uri, this, domain, runtime, kafka);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
