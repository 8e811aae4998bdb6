package io.omnisync.platform.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of webhook deliveries: events received, repeats and rejections, per system. */
public class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void acknowledged(String system, String event, WebhookOutcome outcome) {
        if (outcome.accepted() > 0) {
            Counter.builder("omnisync.events.received").description("Events journalled from webhooks and pollers")
                    .tag("system", system).tag("event", event).register(registry).increment(outcome.accepted());
        }
        if (outcome.duplicates() > 0) {
            Counter.builder("omnisync.events.duplicate").description("Repeated deliveries of an event already journalled")
                    .tag("system", system).register(registry).increment(outcome.duplicates());
        }
    }

    void rejected(String system, String reason) {
        Counter.builder("omnisync.webhooks.rejected").description("Webhook deliveries answered 4xx")
                .tag("system", system).tag("reason", reason).register(registry).increment();
    }
}
