package io.omnisync.platform.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnisync.platform.error.ErrorClass;
import java.time.Duration;

/** Counters and timers of what routes did with bus events, tagged by route and source system. */
public class BusMetrics {

    private final MeterRegistry registry;

    public BusMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void processed(String route, String source, Duration took) {
        Counter.builder("omnisync.events.processed").description("Events a route processed")
                .tag("route", route).tag("system", source).register(registry).increment();
        Timer.builder("omnisync.event.processing").description("Time a route took for one event")
                .tag("route", route).tag("system", source).register(registry).record(took);
    }

    public void failed(String route, String source, ErrorClass errorClass, boolean willRetry) {
        Counter.builder("omnisync.events.failed").description("Deliveries of an event to a route that failed")
                .tag("route", route).tag("system", source).tag("error_class", errorClass.name())
                .tag("outcome", willRetry ? "retry" : "dead_letter").register(registry).increment();
    }

    public void skippedAlreadyDone(String route, String source) {
        Counter.builder("omnisync.events.skipped").description("Deliveries skipped because the effect was already recorded")
                .tag("route", route).tag("system", source).register(registry).increment();
    }
}
