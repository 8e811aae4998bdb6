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

    /** A bus that pauses the first publish (inside the first delivery's transaction) and records each publish's transaction. */
    private static final class FirstPausing implements BusPublisher {
        final JdbcBus bus;
        final javax.sql.DataSource dataSource;
        final CountDownLatch firstInside = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final List<Object> transactions = new java.util.concurrent.CopyOnWriteArrayList<>();

        FirstPausing(JdbcBus bus, StateDatabase db) {
            this.bus = bus;
            this.dataSource = db.jdbc().getDataSource();
        }

        @Override
        public int publish(long journalId, Domain domain, String key) {
            // Spring binds a new connection holder to the thread for each transaction
            transactions.add(org.springframework.transaction.support.TransactionSynchronizationManager.getResource(dataSource));
            if (firstInside.getCount() > 0) {
                firstInside.countDown();
                awaitLatch(releaseFirst);
            }
            return bus.publish(journalId, domain, key);
        }

        @Override
        public void publishTo(long journalId, Domain domain, String key, String group) {
            bus.publishTo(journalId, domain, key, group);
        }
    }

    private record Held(Journal journal, FirstPausing pausing, CompletableFuture<AppendResult> first) {
    }

    /** A journal whose first delivery (evt-0) is paused inside its transaction, holding the commit. */
    private static Held holdFirstCommit(StateDatabase db) {
        JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
        bus.subscribe("stock", "amazon-stock");
        FirstPausing pausing = new FirstPausing(bus, db);
        Journal journal = journal(db, pausing);
        CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(() ->
                journal.append("magento", List.of(new SourcedEvent("evt-0", stock("OS-0000", 1)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> pausing.firstInside.getCount() == 0);
        return new Held(journal, pausing, first);
    }

    @OnBothDatabases
    @DisplayName("deliveries arriving while a commit is under way are committed together by one thread, each answered with its own result")
    void concurrentDeliveriesShareOneCommit(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Held held = holdFirstCommit(db);
            Journal journal = held.journal();
            FirstPausing pausing = held.pausing();
            CompletableFuture<AppendResult> first = held.first();
            List<CompletableFuture<AppendResult>> waiting = new java.util.ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                String id = "evt-" + (i == 5 ? 1 : i); // the fifth repeats the first of the group
                waiting.add(CompletableFuture.supplyAsync(() ->
                        journal.append("magento", List.of(new SourcedEvent(id, stock("OS-0001", 1))))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.queuedDeliveries() == 5);
            assertThat(db.count("journal")).as("nothing committed while the first commit is held").isZero();
            pausing.releaseFirst.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            List<AppendResult> results = new java.util.ArrayList<>();
            for (CompletableFuture<AppendResult> w : waiting) {
                results.add(w.get(30, TimeUnit.SECONDS));
            }
            assertThat(results.subList(1, 4)).extracting(AppendResult::accepted).containsExactly(1, 1, 1);
            // evt-1 twice: whichever of the two was queued first is stored, the other counted as its repeat
            assertThat(List.of(results.get(0), results.get(4))).extracting(AppendResult::accepted, AppendResult::duplicates)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(0, 1));
            assertThat(pausing.transactions).hasSize(5).doesNotContainNull();
            assertThat(pausing.transactions.get(1)).isNotSameAs(pausing.transactions.get(0));
            assertThat(pausing.transactions.subList(2, 5)).as("the group's four new events, in one transaction")
                    .allSatisfy(t -> assertThat(t).isSameAs(pausing.transactions.get(1)));
            assertThat(db.count("journal")).isEqualTo(5);
            assertThat(db.count("bus_message")).isEqualTo(5);
        }
    }

    @OnBothDatabases
    @DisplayName("a delivery the database refuses fails alone: the others of its group are committed")
    void refusedDeliveryDoesNotFailItsGroup(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Held held = holdFirstCommit(db);
            Journal journal = held.journal();
            FirstPausing pausing = held.pausing();
            CompletableFuture<AppendResult> first = held.first();
            CompletableFuture<AppendResult> good = CompletableFuture.supplyAsync(() ->
                    journal.append("magento", List.of(new SourcedEvent("evt-1", stock("OS-0001", 1)))));
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.queuedDeliveries() == 1);
            CompletableFuture<AppendResult> refused = CompletableFuture.supplyAsync(() ->
                    journal.append("magento", List.of(new SourcedEvent("x".repeat(300), stock("OS-0002", 1)))));
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.queuedDeliveries() == 2);
            pausing.releaseFirst.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            assertThat(good.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.springframework.dao.DataAccessException.class);
            assertThat(db.count("journal")).isEqualTo(2);
            assertThat(db.count("bus_message")).isEqualTo(2);
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

    @org.junit.jupiter.api.Test
    @DisplayName("while the state database cannot be reached, deliveries queued behind a failed attempt are refused at once, not tried one by one")
    void unreachableDatabaseRefusesTheQueueWithOneAttempt() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + deadPort + "/postgres");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(250);
        CountDownLatch othersQueued = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
            javax.sql.DataSource counting = new org.springframework.jdbc.datasource.DelegatingDataSource(pool) {
                @Override
                public java.sql.Connection getConnection() throws java.sql.SQLException {
                    if (attempts.incrementAndGet() == 1) {
                        awaitLatch(othersQueued); // the first attempt is still waiting for a connection while the others arrive
                    }
                    return super.getConnection();
                }
            };
            var jdbc = new org.springframework.jdbc.core.JdbcTemplate(counting);
            var tx = new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(counting));
            Journal journal = new Journal(jdbc, tx, MAPPER, new JdbcBus(jdbc, java.time.Clock.systemUTC()), java.time.Clock.systemUTC());
            List<CompletableFuture<AppendResult>> deliveries = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = "evt-" + i;
                deliveries.add(CompletableFuture.supplyAsync(() ->
                        journal.append("magento", List.of(new SourcedEvent(id, stock("OS-0001", 1))))));
                if (i == 0) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() == 1);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.queuedDeliveries() == 5);
            othersQueued.countDown();

            for (CompletableFuture<AppendResult> delivery : deliveries) {
                assertThatThrownBy(() -> delivery.get(30, TimeUnit.SECONDS)).as("answered 503 by the web layer")
                        .hasCauseInstanceOf(org.springframework.transaction.CannotCreateTransactionException.class);
            }
            assertThat(attempts.get()).as("connection attempts for six deliveries").isEqualTo(1);
            assertThat(journal.queuedDeliveries()).isZero();
        }
    }
}
