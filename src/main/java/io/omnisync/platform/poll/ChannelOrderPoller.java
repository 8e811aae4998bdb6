package io.omnisync.platform.poll;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.channel.ChannelProperties;
import io.omnisync.platform.checkpoint.Checkpoints;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.event.OrderCancelled;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.journal.AppendResult;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.platform.webhook.Normaliser;
import io.omnisync.platform.webhook.WebhookRejected;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the orders of channels that have no usable order webhooks (Amazon, eBay): per channel, the orders changed
 * since a durable high-water mark minus an overlap window, each normalised by the channel's mapping and journalled
 * under a key of the order (so the overlap, a repeated poll or a second instance dedupe): {@code <channel>-order:<id>}
 * for the order's placement, {@code <channel>-order-cancelled:<id>} for its cancellation. The checkpoint advances
 * after the whole poll; an order no mapping can read is dead-lettered with the reason; a failed poll is repeated.
 */
public class ChannelOrderPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelOrderPoller.class);

    /** What one poll of one channel did. */
    public record Result(String channel, int read, int accepted, int duplicates, int unmappable, String checkpoint) {
    }

    private final Map<String, ChannelOrderSource> sources;
    private final Normaliser normaliser;
    private final Journal journal;
    private final BusSignal signal;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final ChannelProperties.OrderPolling settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Instant> lastPoll = new HashMap<>();

    public ChannelOrderPoller(List<ChannelOrderSource> sources, Normaliser normaliser, Journal journal, BusSignal signal,
                              Checkpoints checkpoints, DeadLetters deadLetters, ChannelProperties properties, Clock clock,
                              MeterRegistry registry) {
        this.sources = sources.stream().collect(Collectors.toMap(ChannelOrderSource::channel, Function.identity()));
        this.normaliser = normaliser;
        this.journal = journal;
        this.signal = signal;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.settings = properties.getOrderPolling();
        this.clock = clock;
        this.registry = registry;
    }

    /** Polls the channel when order-polling.interval has passed since its last poll (the route ticks more often). */
    public synchronized void pollIfDue(String channel) {
        Instant now = clock.instant();
        Instant last = lastPoll.get(channel);
        if (last != null && now.isBefore(last.plus(settings.getInterval()))) {
            return;
        }
        lastPoll.put(channel, now);
        try {
            poll(channel);
        } catch (RuntimeException e) {
            Counter.builder("omnisync.orders.poll.failures").description("Channel order polls that failed and will be repeated")
                    .tag("channel", channel).register(registry).increment();
            LOG.warn("{} order poll failed ({}); the next poll repeats it from the same checkpoint: {}", channel,
                    ErrorClassifier.classify(e), ErrorClassifier.rootMessage(e));
        }
    }

    /** Polls one channel now. */
    public synchronized Result poll(String channel) {
        ChannelOrderSource source = sources.get(channel);
        if (source == null) {
            throw new IllegalArgumentException("no order source for channel " + channel + "; enabled: " + sources.keySet());
        }
        String cursor = checkpoints.read(channel, "orders")
                .orElseGet(() -> clock.instant().minus(settings.getInitialLookback()).toString());
        Instant since = Instant.parse(cursor).minus(settings.getOverlap());
        String highest = cursor;
        int read = 0;
        int accepted = 0;
        int duplicates = 0;
        int unmappable = 0;
        try (Stream<JsonNode> orders = source.changedSince(since)) {
            for (Iterator<JsonNode> it = orders.iterator(); it.hasNext(); ) {
                JsonNode order = it.next();
                read++;
                String changed = source.changedAt(order);
                if (Instant.parse(changed).isAfter(Instant.parse(highest))) {
                    highest = changed;
                }
                String id = source.orderId(order);
                try {
                    List<SourcedEvent> events = new ArrayList<>();
                    for (CanonicalEvent event : normaliser.normalise(source.mapping(), source.mappingInput(order))) {
                        events.add(new SourcedEvent(key(channel, id, event, changed), event));
                    }
                    if (!events.isEmpty()) {
                        AppendResult result = journal.append(channel, events);
                        accepted += result.accepted();
                        duplicates += result.duplicates();
                    }
                } catch (WebhookRejected unmapped) {
                    unmappable++;
                    deadLetters.recordUnjournalled(channel + "-orders-poll", channel, channel + "-order:" + id + "@" + changed,
                            "order", channel + ":" + id, order.toString(), ErrorClass.VALUE, unmapped.getMessage());
                    LOG.warn("{} order {} could not be normalised and was dead-lettered: {}", channel, id, unmapped.getMessage());
                }
            }
        }
        if (accepted > 0) {
            signal.wakeUp();
        }
        checkpoints.advance(channel, "orders", highest);
        count(channel, "accepted", accepted);
        count(channel, "duplicate", duplicates);
        count(channel, "unmappable", unmappable);
        if (read > 0) {
            LOG.info("{} order poll: read {} changed since {}, {} new events, {} already journalled, {} dead-lettered; "
                    + "checkpoint {}", channel, read, since, accepted, duplicates, unmappable, highest);
        }
        return new Result(channel, read, accepted, duplicates, unmappable, highest);
    }

    /** One key per order placement and cancellation, whichever poll sees it; other events per change. */
    static String key(String channel, String orderId, CanonicalEvent event, String changedAt) {
        if (event instanceof OrderPlaced) {
            return channel + "-order:" + orderId;
        }
        if (event instanceof OrderCancelled) {
            return channel + "-order-cancelled:" + orderId;
        }
        if (event instanceof io.omnisync.platform.event.RefundIssued refund) {
            // a refunded total: each new total is journalled once
            return channel + "-refund:" + orderId + ":" + refund.refundId() + "@" + refund.amount().stripTrailingZeros().toPlainString();
        }
        return channel + "-order:" + orderId + ":" + event.type() + "@" + changedAt;
    }

    private void count(String channel, String outcome, int n) {
        if (n > 0) {
            Counter.builder("omnisync.orders.poll.events").description("Order events the channel order polls produced, by outcome")
                    .tag("channel", channel).tag("outcome", outcome).register(registry).increment(n);
        }
    }
}
