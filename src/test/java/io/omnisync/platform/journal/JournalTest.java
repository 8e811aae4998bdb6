package io.omnisync.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.Concurrently;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.TestClock;
import io.omnisync.platform.bus.BusMessage;
import io.omnisync.platform.bus.BusPublisher;
import io.omnisync.platform.event.Domain;
import io.omnisync.platform.bus.JdbcBus;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.StockChanged;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

@DisplayName("Journal")
class JournalTest {

    private static final ObjectMapper MAPPER = Jackson2ObjectMapperBuilder.json().build();

    private static StockChanged stock(String sku, long version) {
        return new StockChanged(sku, "default", new BigDecimal("12.5000"), true, version,
                Instant.parse("2025-03-10T08:59:30.123456Z"));
    }

    private static OrderPlaced order() {
        return new OrderPlaced("amazon", "123-456", null, "default", "EUR", new BigDecimal("59.80"),
                "jane.doe@example.com",
                List.of(new OrderLine("OS-0001", new BigDecimal("2"), new BigDecimal("19.90"), new BigDecimal("39.80")),
                        new OrderLine("OS-0002", BigDecimal.ONE, new BigDecimal("20.00"), null)),
                Instant.parse("2025-03-10T08:58:00Z"));
    }

    private static Journal journal(StateDatabase db, BusPublisher bus) {
        return new Journal(db.jdbc(), db.tx(), MAPPER, bus, db.clock());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released (hang guard)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String status(StateDatabase db, long journalId) {
        return db.jdbc().queryForObject("SELECT status FROM journal WHERE id = ?", String.class, journalId);
    }

    private static Instant processedAt(StateDatabase db, long journalId) {
        Timestamp at = db.jdbc().queryForObject("SELECT processed_at FROM journal WHERE id = ?", Timestamp.class, journalId);
        return at == null ? null : at.toInstant();
    }

    @OnBothDatabases
    @DisplayName("append stores the event and queues one bus row per group subscribed to its topic")
    void appendStoresAndQueuesPerSubscribedGroup(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            bus.subscribe("stock", "ebay-stock");
            bus.subscribe("orders", "erp-orders");
            Journal journal = journal(db, bus);

            AppendResult result = journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1))));

            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.duplicates()).isZero();
            assertThat(result.allDuplicates()).isFalse();
            long id = result.journalIds().get(0);
            JournalEntry entry = journal.find(id).orElseThrow();
            assertThat(entry.source()).isEqualTo("magento");
            assertThat(entry.sourceEventId()).isEqualTo("evt-1");
            assertThat(entry.eventType()).isEqualTo("StockChanged");
            assertThat(entry.domain()).isEqualTo("stock");
            assertThat(entry.entityKey()).isEqualTo("OS-0001");
            assertThat(entry.receivedAt()).isEqualTo(TestClock.START);
            assertThat(status(db, id)).isEqualTo(Journal.PENDING);
            assertThat(processedAt(db, id)).isNull();

            assertThat(db.jdbc().queryForList("SELECT group_name FROM bus_message WHERE topic = 'stock' ORDER BY group_name",
                    String.class)).containsExactly("amazon-stock", "ebay-stock");
            assertThat(db.count("bus_message")).as("nothing for the orders group").isEqualTo(2);
            assertThat(db.jdbc().queryForList("SELECT DISTINCT attempts FROM bus_message", Integer.class)).containsExactly(0);
            assertThat(db.jdbc().queryForList("SELECT DISTINCT message_key FROM bus_message", String.class))
                    .containsExactly("OS-0001");
            assertThat(db.jdbc().queryForList("SELECT DISTINCT journal_id FROM bus_message", Long.class))
                    .containsExactly(id);
        }
    }

    @OnBothDatabases
    @DisplayName("a repeated (source, sourceEventId) is counted as duplicate, not stored or queued again")
    void repeatIsCountedAsDuplicate(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            Journal journal = journal(db, bus);
            journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1))));

            AppendResult repeat = journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1))));

            assertThat(repeat.journalIds()).isEmpty();
            assertThat(repeat.duplicates()).isEqualTo(1);
            assertThat(repeat.allDuplicates()).isTrue();
            assertThat(db.count("journal")).isEqualTo(1);
            assertThat(db.count("bus_message")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("in one delivery, new events are stored and repeats counted; another source's same id is new")
    void mixedDeliveryStoresNewAndCountsRepeats(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            Journal journal = journal(db, bus);
            journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1))));

            AppendResult mixed = journal.append("magento", List.of(
                    new SourcedEvent("evt-1", stock("OS-0001", 1)),
                    new SourcedEvent("evt-2", stock("OS-0001", 2)),
                    new SourcedEvent("evt-2", stock("OS-0001", 2))));
            AppendResult otherSource = journal.append("pos", List.of(new SourcedEvent("evt-1", stock("OS-0001", 3))));

            assertThat(mixed.accepted()).isEqualTo(1);
            assertThat(mixed.duplicates()).as("the stored one and the repeat within the delivery").isEqualTo(2);
            assertThat(otherSource.accepted()).isEqualTo(1);
            assertThat(db.count("journal")).isEqualTo(3);
            assertThat(db.count("bus_message")).isEqualTo(3);
        }
    }

    @OnBothDatabases
    @DisplayName("an event no group subscribes to is stored as UNROUTED and queued nowhere")
    void noSubscriberMarksUnrouted(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            Journal journal = journal(db, bus);

            long id = journal.append("amazon", List.of(new SourcedEvent("o-1", order()))).journalIds().get(0);

            assertThat(status(db, id)).isEqualTo(Journal.UNROUTED);
            assertThat(processedAt(db, id)).isEqualTo(TestClock.START);
            assertThat(db.count("bus_message")).isZero();
        }
    }

    @OnBothDatabases
    @DisplayName("10 threads appending the same event at once store it once and report 9 duplicates")
    void concurrentAppendsOfOneEventStoreItOnce(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            bus.subscribe("stock", "ebay-stock");
            Journal journal = journal(db, bus);

            List<AppendResult> results = Concurrently.run(10,
                    i -> () -> journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1)))));

            assertThat(results).filteredOn(r -> r.accepted() == 1).hasSize(1);
            assertThat(results).filteredOn(AppendResult::allDuplicates).hasSize(9);
            assertThat(db.count("journal")).isEqualTo(1);
            assertThat(db.count("bus_message")).as("one per group, once").isEqualTo(2);
        }
    }

    @OnBothDatabases
    @DisplayName("a delivery that loses the insert race to a concurrent one retries and counts the event as duplicate")
    void lostInsertRaceIsRetriedAsDuplicate(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            CountDownLatch firstInserted = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            // The first delivery pauses after its journal insert, inside its open transaction.
            BusPublisher pausing = new BusPublisher() {
                @Override
                public int publish(long journalId, Domain domain, String key) {
                    firstInserted.countDown();
                    awaitLatch(releaseFirst);
                    return bus.publish(journalId, domain, key);
                }

                @Override
                public void publishTo(long journalId, Domain domain, String key, String group) {
                    bus.publishTo(journalId, domain, key, group);
                }
            };
            Journal first = journal(db, pausing);
            Journal second = journal(db, bus);
            List<SourcedEvent> delivery = List.of(new SourcedEvent("evt-1", stock("OS-0001", 1)));

            CompletableFuture<AppendResult> firstResult = CompletableFuture.supplyAsync(() -> first.append("magento", delivery));
            await().atMost(Duration.ofSeconds(30)).until(() -> firstInserted.getCount() == 0);
            // The second does not see the uncommitted row, inserts, and waits on the unique constraint.
            CompletableFuture<AppendResult> secondResult = CompletableFuture.supplyAsync(() -> second.append("magento", delivery));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.waitingIn("INSERT INTO journal") > 0);
            releaseFirst.countDown();

            assertThat(firstResult.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            AppendResult retried = secondResult.get(30, TimeUnit.SECONDS);
            assertThat(retried.allDuplicates()).isTrue();
            assertThat(retried.duplicates()).isEqualTo(1);
            assertThat(db.count("journal")).isEqualTo(1);
            assertThat(db.count("bus_message")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("find and event read a StockChanged and an OrderPlaced with lines back exactly as appended")
    void canonicalEventsRoundTripThroughJson(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            Journal journal = journal(db, bus);
            StockChanged stock = stock("OS-0001", 7);
            OrderPlaced order = order();

            List<Long> ids = journal.append("magento", List.of(new SourcedEvent("s-1", stock), new SourcedEvent("o-1", order)))
                    .journalIds();

            JournalEntry stockEntry = journal.find(ids.get(0)).orElseThrow();
            JournalEntry orderEntry = journal.find(ids.get(1)).orElseThrow();
            assertThat(journal.event(stockEntry)).isEqualTo(stock);
            CanonicalEvent readOrder = journal.event(orderEntry);
            assertThat(readOrder).isEqualTo(order);
            assertThat(((OrderPlaced) readOrder).lines()).hasSize(2);
            assertThat(orderEntry.payload()).contains("\"type\":\"OrderPlaced\"");
            assertThat(orderEntry.entityKey()).isEqualTo("amazon:123-456");
            assertThat(orderEntry.domain()).isEqualTo("orders");
            assertThat(journal.parse(orderEntry.payload())).isEqualTo(order);
            assertThat(journal.find(ids.get(1) + 1000)).isEmpty();
        }
    }

    @OnBothDatabases
    @DisplayName("parse and event refuse text that is not a canonical event")
    void unreadablePayloadsAreRefused(Engine engine) {
        try (StateDatabase db = engine.open()) {
            Journal journal = journal(db, new JdbcBus(db.jdbc(), db.clock()));

            assertThatThrownBy(() -> journal.parse("{\"type\":\"Nope\"}")).isInstanceOf(IllegalArgumentException.class);
            JournalEntry garbage = new JournalEntry(99, "magento", "x", "StockChanged", "stock", "OS-0001", "not json",
                    TestClock.START);
            assertThatThrownBy(() -> journal.event(garbage)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("99");
        }
    }

    @OnBothDatabases
    @DisplayName("completeIfLast marks the entry PROCESSED only once no bus row of it remains")
    void completeIfLastWaitsForTheLastRoute(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            bus.subscribe("stock", "ebay-stock");
            Journal journal = journal(db, bus);
            long id = journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1)))).journalIds().get(0);
            db.clock().advance(Duration.ofSeconds(5));

            db.tx().executeWithoutResult(s -> {
                BusMessage m = bus.claimNext("stock", "amazon-stock").orElseThrow();
                bus.acknowledge(m);
                journal.completeIfLast(m.journalId());
            });
            assertThat(status(db, id)).as("ebay-stock still has it queued").isEqualTo(Journal.PENDING);
            assertThat(processedAt(db, id)).isNull();

            Instant done = db.clock().advance(Duration.ofSeconds(5));
            db.tx().executeWithoutResult(s -> {
                BusMessage m = bus.claimNext("stock", "ebay-stock").orElseThrow();
                bus.acknowledge(m);
                journal.completeIfLast(m.journalId());
            });
            assertThat(status(db, id)).isEqualTo(Journal.PROCESSED);
            assertThat(processedAt(db, id)).isEqualTo(done);
        }
    }

    @OnBothDatabases
    @DisplayName("markFailed marks the entry FAILED, and a later completeIfLast does not turn it PROCESSED")
    void markFailedSticks(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            bus.subscribe("stock", "ebay-stock");
            Journal journal = journal(db, bus);
            long id = journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1)))).journalIds().get(0);
            Instant failedAt = db.clock().advance(Duration.ofMinutes(1));

            db.tx().executeWithoutResult(s -> {
                BusMessage m = bus.claimNext("stock", "amazon-stock").orElseThrow();
                bus.acknowledge(m);
                journal.markFailed(m.journalId());
            });
            assertThat(status(db, id)).isEqualTo(Journal.FAILED);
            assertThat(processedAt(db, id)).isEqualTo(failedAt);

            db.clock().advance(Duration.ofMinutes(1));
            db.tx().executeWithoutResult(s -> {
                BusMessage m = bus.claimNext("stock", "ebay-stock").orElseThrow();
                bus.acknowledge(m);
                journal.completeIfLast(m.journalId());
            });
            assertThat(status(db, id)).isEqualTo(Journal.FAILED);
            assertThat(processedAt(db, id)).isEqualTo(failedAt);
        }
    }
}
