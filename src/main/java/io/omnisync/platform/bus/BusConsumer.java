package io.omnisync.platform.bus;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code consumers} threads for one route. Each thread delivers one message at a time through a
 * {@link Delivery}; when the topic is empty it waits for a local wake-up or the poll interval.
 */
public class BusConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BusConsumer.class);

    private final BusEndpoint endpoint;
    private final BusRuntime runtime;
    private volatile boolean running;
    private ExecutorService executor;

    BusConsumer(BusEndpoint endpoint, Processor processor, BusRuntime runtime) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.runtime = runtime;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String group = getRouteId();
        if (group == null) {
            throw new IllegalStateException("a route reading " + endpoint.getEndpointUri() + " needs an id");
        }
        String topic = endpoint.getDomain().topic();
        runtime.bus().subscribe(topic, group);
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "bus-" + group, endpoint.getConsumers());
        for (int i = 0; i < endpoint.getConsumers(); i++) {
            Delivery delivery = new Delivery(topic, group, this, runtime); // one per thread: it keeps per-thread state
            executor.submit(() -> loop(delivery));
        }
        LOG.info("route {} consumes bus topic {} with {} threads", group, topic, endpoint.getConsumers());
    }

    private void loop(Delivery delivery) {
        long idleWait = runtime.settings().getPollInterval().toMillis();
        String topic = endpoint.getDomain().topic();
        while (running && isRunAllowed()) {
            try {
                if (!delivery.deliverNext()) {
                    runtime.signal().await(topic, idleWait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // The state database is unreachable, a claim or commit failed, or something threw an Error: the
                // transaction rolled back, nothing was acknowledged, the messages stay queued. This thread must
                // not die (nobody would notice): back off and try again.
                LOG.warn("bus consumer of route {} could not deliver: {}", getRouteId(), e.toString());
                sleepQuietly(idleWait * 5);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 10_000);
            executor.awaitTermination(1, TimeUnit.SECONDS);
            executor = null;
        }
        super.doStop();
    }
}
