package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.checkpoint.Checkpoints;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.journal.AppendResult;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.platform.webhook.Normaliser;
import io.omnisync.platform.webhook.WebhookRejected;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling fallback for shops without an event module: per feed and scope (products per store view; orders,
 * shipments and credit memos for the whole shop) it reads what changed since a durable high-water mark minus an
 * overlap window, normalises each record with the same mapping as the matching async event and journals it
 * under the same {@link MagentoEventKeys}, so a change seen by a webhook and by a poll, or by two overlapping
 * polls, is journalled once. The checkpoint advances only after every record of the poll was journalled or
 * dead-lettered; a failed poll is simply repeated by the next one.
 */
public class MagentoPoller {

    static final String POLLER = "magento";
    static final String ROUTE_ID = "magento-poll";
    private static final Logger LOG = LoggerFactory.getLogger(MagentoPoller.class);
    private static final DateTimeFormatter MAGENTO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What one poll of one feed and scope did. */
    public record Result(String feed, String scope, int read, int accepted, int duplicates, int unmappable,
                         String checkpoint) {
    }

    private final MagentoCatalog catalog;
    private final MagentoOrders orders;
    private final MagentoStores stores;
    private final Normaliser normaliser;
    private final Journal journal;
    private final BusSignal signal;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final MagentoProperties.Polling settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private java.time.Instant lastPoll;

    public MagentoPoller(MagentoCatalog catalog, MagentoOrders orders, MagentoStores stores, Normaliser normaliser,
                         Journal journal, BusSignal signal, Checkpoints checkpoints, DeadLetters deadLetters,
                         MagentoProperties properties, Clock clock, MeterRegistry registry) {
        this.catalog = catalog;
        this.orders = orders;
        this.stores = stores;
        this.normaliser = normaliser;
        this.journal = journal;
        this.signal = signal;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.settings = properties.getPolling();
        this.clock = clock;
        this.registry = registry;
    }

    /** Polls when the configured interval has passed since the last poll began (the route ticks more often). */
    public synchronized void pollIfDue() {
        java.time.Instant now = clock.instant();
        if (lastPoll != null && now.isBefore(lastPoll.plus(settings.getInterval()))) {
            return;
        }
        lastPoll = now;
        pollAll();
    }

    /** Polls every configured feed; a feed that fails is logged, counted and retried by the next poll. */
    public List<Result> pollAll() {
        List<Result> results = new ArrayList<>();
        for (MagentoProperties.Feed feed : settings.getFeeds()) {
            try {
                results.addAll(poll(feed));
            } catch (RuntimeException e) {
                Counter.builder("omnisync.magento.poll.failures").description("Magento polls that failed and will be repeated")
                        .tag("feed", name(feed)).register(registry).increment();
                LOG.warn("Magento poll of {} failed ({}); the next poll repeats it from the same checkpoint: {}",
                        name(feed), ErrorClassifier.classify(e), ErrorClassifier.rootMessage(e));
            }
        }
        return results;
    }

    /** Polls one feed in every scope it has. */
    public synchronized List<Result> poll(MagentoProperties.Feed feed) {
        return switch (feed) {
            case PRODUCTS -> {
                List<Result> perStore = new ArrayList<>();
                ObjectNode views = stores.byCode();
                for (Iterator<String> codes = views.fieldNames(); codes.hasNext(); ) {
                    String code = codes.next();
                    if (views.get(code).path("id").asInt() != 0) {
                        perStore.add(run("products", code, "updated_at", since -> catalog.changedSince(code, since),
                                (record, since, all) -> productEvents(record, code, all)));
                    }
                }
                yield perStore;
            }
            case ORDERS -> List.of(run("orders", "all", "updated_at", orders::changedSince, this::orderEvents));
            case SHIPMENTS -> List.of(run("shipments", "all", "created_at",
                    since -> orders.documentsCreatedSince("/V1/shipments", since),
                    (record, since, views) -> normalise("sales.shipment.created", "orders/shipment-magento-to-canonical.jsonata",
                            record, views)));
            case CREDITMEMOS -> List.of(run("creditmemos", "all", "created_at",
                    since -> orders.documentsCreatedSince("/V1/creditmemos", since),
                    (record, since, views) -> normalise("sales.creditmemo.created",
                            "orders/creditmemo-magento-to-canonical.jsonata", record, views)));
        };
    }

    @FunctionalInterface
    private interface Reader {
        Stream<JsonNode> changedSince(String since);
    }

    @FunctionalInterface
    private interface ToEvents {
        List<CanonicalEvent> events(JsonNode record, String since, ObjectNode stores);
    }

    private Result run(String feed, String scope, String timeField, Reader reader, ToEvents toEvents) {
        String cursor = checkpoints.read(POLLER, feed + ":" + scope)
                .orElseGet(() -> format(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(settings.getInitialLookback())));
        String since = format(LocalDateTime.parse(cursor, MAGENTO_TIME).minus(settings.getOverlap()));
        ObjectNode views = stores.byCode();
        String highest = cursor;
        int read = 0;
        int accepted = 0;
        int duplicates = 0;
        int unmappable = 0;
        try (Stream<JsonNode> records = reader.changedSince(since)) {
            for (Iterator<JsonNode> it = records.iterator(); it.hasNext(); ) {
                JsonNode record = it.next();
                read++;
                String time = record.path(timeField).asText("");
                if (time.compareTo(highest) > 0) {
                    highest = time;
                }
                try {
                    List<SourcedEvent> events = new ArrayList<>();
                    for (CanonicalEvent event : toEvents.events(record, since, views)) {
                        events.add(new SourcedEvent(MagentoEventKeys.of(event).orElseThrow(), event));
                    }
                    AppendResult result = journal.append(POLLER, events);
                    accepted += result.accepted();
                    duplicates += result.duplicates();
                } catch (WebhookRejected unmapped) {
                    unmappable++;
                    String id = feed + ":" + scope + ":" + record.path("sku").asText(record.path("entity_id").asText());
                    deadLetters.recordUnjournalled(ROUTE_ID, POLLER, id + "@" + time, feed, id, record.toString(),
                            ErrorClass.VALUE, unmapped.getMessage());
                    LOG.warn("Magento poll: {} could not be normalised and was dead-lettered: {}", id, unmapped.getMessage());
                }
            }
        }
        if (accepted > 0) {
            signal.wakeUp();
        }
        checkpoints.advance(POLLER, feed + ":" + scope, highest);
        count(feed, "accepted", accepted);
        count(feed, "duplicate", duplicates);
        count(feed, "unmappable", unmappable);
        Result result = new Result(feed, scope, read, accepted, duplicates, unmappable, highest);
        if (read > 0) {
            LOG.info("Magento poll {} {}: read {} changed since {}, {} new events, {} already journalled, {} dead-lettered; "
                    + "checkpoint {}", feed, scope, read, since, accepted, duplicates, unmappable, highest);
        }
        return result;
    }

    /** A product as the store view shows it, with the store id and code an async event carries. */
    private List<CanonicalEvent> productEvents(JsonNode product, String storeCode, ObjectNode views) {
        ObjectNode data = ((ObjectNode) product.deepCopy()).put("store_id", views.path(storeCode).path("id").asInt())
                .put("store_code", storeCode);
        return normalise("catalog.product.updated", "catalog/product-magento-to-canonical.jsonata", data, views);
    }

    /** An order new since the poll window is an OrderPlaced; one changed after its creation also an update. */
    private List<CanonicalEvent> orderEvents(JsonNode order, String since, ObjectNode views) {
        List<CanonicalEvent> events = new ArrayList<>();
        String created = order.path("created_at").asText("");
        if (created.compareTo(since) >= 0) {
            events.addAll(normalise("sales.order.created", "orders/order-magento-to-canonical.jsonata", order, views));
        }
        if (!created.equals(order.path("updated_at").asText(""))) {
            events.addAll(normalise("sales.order.updated", "orders/order-magento-to-canonical.jsonata", order, views));
        }
        return events;
    }

    private List<CanonicalEvent> normalise(String event, String mapping, JsonNode data, ObjectNode views) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("event", event);
        input.putObject("body").set("data", data);
        input.set("stores", views);
        return normaliser.normalise(mapping, input);
    }

    private void count(String feed, String outcome, int n) {
        if (n > 0) {
            Counter.builder("omnisync.magento.poll.events").description("Canonical events the Magento polling fallback produced, by outcome")
                    .tag("feed", feed).tag("outcome", outcome).register(registry).increment(n);
        }
    }

    private static String name(MagentoProperties.Feed feed) {
        return feed.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String format(LocalDateTime time) {
        return time.format(MAGENTO_TIME);
    }
}
