package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code bus:<topic>} Camel component. {@code from: bus:stock} consumes the stock topic as a group named
 * after the route id; {@code to: bus:orders} journals the exchange's canonical event and queues it.
 */
public class BusComponent extends DefaultComponent {

    private final BusRuntime runtime;

    public BusComponent(BusRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Domain domain = Arrays.stream(Domain.values()).filter(d -> d.topic().equals(remaining.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("bus topic '" + remaining
                        + "' does not exist; use one of " + Arrays.stream(Domain.values()).map(Domain::topic).toList()));
        BusEndpoint endpoint = new BusEndpoint(uri, this, domain, runtime);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
