package io.omnisync.platform.bus;

import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.journal.AppendResult;
import io.omnisync.platform.journal.SourcedEvent;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code to: bus:<topic>}: journals the body (a {@link CanonicalEvent}, or its JSON) under the headers
 * OmnisyncSource and OmnisyncSourceEventId and queues it, the same idempotent path webhooks take.
 * Sets header OmnisyncDuplicate to true when the event was journalled before.
 */
public class BusProducer extends DefaultProducer {

    /** Set on the exchange after sending: whether the journal already held the event. */
    public static final String DUPLICATE = "OmnisyncDuplicate";

    private final BusEndpoint endpoint;
    private final BusRuntime runtime;

    BusProducer(BusEndpoint endpoint, BusRuntime runtime) {
        super(endpoint);
        this.endpoint = endpoint;
        this.runtime = runtime;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CanonicalEvent event = exchange.getIn().getBody(CanonicalEvent.class);
        if (event == null) {
            String json = exchange.getIn().getMandatoryBody(String.class);
            event = runtime.journal().parse(json);
        }
        if (event.domain() != endpoint.getDomain()) {
            throw new IllegalArgumentException(event.type() + " belongs on bus:" + event.domain().topic()
                    + ", not " + endpoint.getEndpointUri());
        }
        String source = required(exchange, BusHeaders.SOURCE);
        String sourceEventId = required(exchange, BusHeaders.SOURCE_EVENT_ID);
        AppendResult result = runtime.journal().append(source, List.of(new SourcedEvent(sourceEventId, event)));
        runtime.signal().wakeUp();
        exchange.getIn().setHeader(DUPLICATE, result.allDuplicates());
    }

    private static String required(Exchange exchange, String header) {
        String value = exchange.getIn().getHeader(header, String.class);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("to send to the bus, set header " + header);
        }
        return value;
    }
}
