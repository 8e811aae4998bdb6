package io.omnisync.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.Concurrently;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

@DisplayName("JdbcBus")
class JdbcBusTest {

    private static final ObjectMapper MAPPER = Jackson2ObjectMapperBuilder.json().build();
    private static final String TOPIC = "stock";
    private static final String GROUP = "amazon-stock";

    /** A published message: its journal entry, key and position among its key's messages. */
    private record Published(long journalId, String key, int sequence) {
    }

    /**
     * Journals {@code count} stock events for {@code keys} SKUs, round-robin, in one delivery; the bus queues
     * one row per subscribed group for each.
     */
    private static Map<Long, Published> publish(StateDatabase db, JdbcBus bus, int count, int keys) {
        Journal journal = new Journal(db.jdbc(), db.tx(), MAPPER, bus, db.clock());
        List<SourcedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = "SKU-" + (i % keys);
            events.add(new SourcedEvent("evt-" + i, new StockChanged(sku, "default", BigDecimal.valueOf(i), true,
                    i / keys, db.clock().instant())));
        }
        List<Long> ids = journal.append("magento", events).journalIds();
        if (db.isPostgres()) {
            // Without statistics (a table never analysed, as here within autovacuum's first minute) PostgreSQL
            // plans JdbcBus.CLAIM as a quadratic anti-join: ~60 ms a claim at 500 rows. Correctness is the same
            // either way; see the test report. With statistics a claim takes well under a millisecond.
            db.jdbc().execute("ANALYZE bus_message");
        }
        Map<Long, Published> published = new HashMap<>();
        for (int i = 0; i < count; i++) {
            published.put(ids.get(i), new Published(ids.get(i), "SKU-" + (i % keys), i / keys));
        }
        return published;
    }

    private static Optional<BusMessage> claimAndAcknowledge(StateDatabase db, JdbcBus bus, String topic, String group) {
        return db.tx().execute(status -> {
            Optional<BusMessage> claimed = bus.claimNext(topic, group);
            claimed.ifPresent(bus::acknowledge);
            return claimed;
        });
    }

    /** Claims, records and acknowledges in one transaction per message until the route's queue is empty. */
    private static void consumeUntilEmpty(StateDatabase db, JdbcBus bus, Map<Long, Published> published,
                                          ConcurrentLinkedQueue<Long> takenRows, Map<String, List<Integer>> perKey) {
        while (queued(db, GROUP) > 0) {
            boolean took = Boolean.TRUE.equals(db.tx().execute(status -> bus.claimNext(TOPIC, GROUP).map(message -> {
                takenRows.add(message.id());
                Published p = published.get(message.journalId());
                assertThat(message.key()).isEqualTo(p.key());
                // recorded before the commit that lets the key's next message be claimed
                perKey.computeIfAbsent(p.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(p.sequence());
                bus.acknowledge(message);
                return true;
            }).orElse(false)));
            if (!took) {
                LockSupport.parkNanos(200_000); // idle back-off, as a polling consumer has: leave the CPU to the others
            }
        }
    }

    private static int queued(StateDatabase db, String group) {
        Integer n = db.jdbc().queryForObject("SELECT COUNT(*) FROM bus_message WHERE group_name = ?", Integer.class, group);
        return n == null ? 0 : n;
    }

    @OnBothDatabases
    @DisplayName("4 concurrent consumers over 500 messages of 50 keys take every message exactly once")
    void concurrentConsumersNeverTakeTheSameRow(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            Map<Long, Published> published = publish(db, bus, 500, 50);
            List<Long> rowIds = db.jdbc().queryForList("SELECT id FROM bus_message", Long.class);
            ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
            Map<String, List<Integer>> perKey = new ConcurrentHashMap<>();

            Concurrently.run(4, i -> () -> {
                consumeUntilEmpty(db, bus, published, taken, perKey);
                return null;
            });

            assertThat(taken).as("no row taken twice").doesNotHaveDuplicates();
            assertThat(taken).as("every row taken").containsExactlyInAnyOrderElementsOf(rowIds);
            assertThat(taken).hasSize(500);
            assertThat(bus.depth()).isZero();
        }
    }

    @OnBothDatabases
    @DisplayName("one key's messages are handed out in order even with 4 concurrent consumers")
    void oneKeysMessagesAreHandedOutInOrder(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            Map<Long, Published> published = publish(db, bus, 200, 4); // 50 messages per key: much contention per key
            ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
            Map<String, List<Integer>> perKey = new ConcurrentHashMap<>();

            Concurrently.run(4, i -> () -> {
                consumeUntilEmpty(db, bus, published, taken, perKey);
                return null;
            });

            assertThat(perKey).hasSize(4);
            List<Integer> expected = new ArrayList<>();
            for (int s = 0; s < 50; s++) {
                expected.add(s);
            }
            perKey.forEach((key, sequence) -> assertThat(sequence).as(key).containsExactlyElementsOf(expected));
            assertThat(taken).doesNotHaveDuplicates().hasSize(200);
        }
    }

    /** As {@link #consumeUntilEmpty}, claiming batches of up to {@code max} (one message per key) per transaction. */
    private static void consumeBatchesUntilEmpty(StateDatabase db, JdbcBus bus, int max, Map<Long, Published> published,
                                                 ConcurrentLinkedQueue<Long> takenRows, Map<String, List<Integer>> perKey) {
        while (queued(db, GROUP) > 0) {
            int took = db.tx().execute(status -> {
                List<BusMessage> batch = bus.claimBatch(TOPIC, GROUP, max);
                assertThat(batch).hasSizeLessThanOrEqualTo(max);
                assertThat(batch.stream().map(BusMessage::key)).as("one message per key in a batch").doesNotHaveDuplicates();
                for (BusMessage message : batch) {
                    takenRows.add(message.id());
                    Published p = published.get(message.journalId());
                    perKey.computeIfAbsent(p.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(p.sequence());
                }
                bus.acknowledgeAll(batch);
                return batch.size();
            });
            if (took == 0) {
                LockSupport.parkNanos(200_000);
            }
        }
    }

    @OnBothDatabases
    @DisplayName("4 concurrent consumers claiming batches of 10 take every message once, each key's in order")
    void concurrentBatchConsumersTakeEachMessageOnceInKeyOrder(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            Map<Long, Published> published = publish(db, bus, 600, 30); // 20 messages per key
            List<Long> rowIds = db.jdbc().queryForList("SELECT id FROM bus_message", Long.class);
            ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
            Map<String, List<Integer>> perKey = new ConcurrentHashMap<>();

            Concurrently.run(4, i -> () -> {
                consumeBatchesUntilEmpty(db, bus, 10, published, taken, perKey);
                return null;
            });

            assertThat(taken).as("no row taken twice").doesNotHaveDuplicates();
            assertThat(taken).as("every row taken").containsExactlyInAnyOrderElementsOf(rowIds);
            List<Integer> expected = java.util.stream.IntStream.range(0, 20).boxed().toList();
            assertThat(perKey).hasSize(30);
            perKey.forEach((key, sequence) -> assertThat(sequence).as(key).containsExactlyElementsOf(expected));
        }
    }

    @OnBothDatabases
    @DisplayName("a batch skips the rows another consumer holds and the messages queued behind them")
    void batchSkipsHeldRowsAndTheirKeys(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            publish(db, bus, 6, 3); // SKU-0, SKU-1, SKU-2, then each again
            Connection holder = db.unpooledConnection();
            holder.setAutoCommit(false);
            long heldId;
            try (var ps = holder.prepareStatement("SELECT id FROM bus_message WHERE message_key = 'SKU-1' ORDER BY id "
                    + "FETCH FIRST 1 ROWS ONLY FOR UPDATE")) {
                var rs = ps.executeQuery();
                rs.next();
                heldId = rs.getLong(1);
            }

            List<BusMessage> batch = db.tx().execute(status -> bus.claimBatch(TOPIC, GROUP, 10));

            assertThat(batch).extracting(BusMessage::key).containsExactly("SKU-0", "SKU-2");
            assertThat(batch).extracting(BusMessage::id).doesNotContain(heldId);
            holder.rollback();
            holder.close();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("on H2 the claim window reads its 64 rows through the index, not the whole queue of 3,000")
    void claimWindowReadsOnlyItsRows() {
        try (StateDatabase db = Engine.H2.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            bus.subscribe(TOPIC, "other-route");
            publish(db, bus, 3_000, 500);

            io.omnisync.platform.H2Plans.Scan scan = io.omnisync.platform.H2Plans.explainAnalyze(db.jdbc(), JdbcBus.WINDOW,
                    TOPIC, GROUP, 64);

            assertThat(scan.rows()).as(scan.plan()).isLessThanOrEqualTo(65);
        }
    }

    @OnBothDatabases
    @DisplayName("a message locked by an open transaction is not handed out, nor its key's later ones, until that connection dies")
    void lockedMessageIsSkippedUntilItsConnectionDies(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            Map<Long, Published> published = publish(db, bus, 3, 2); // SKU-0 #0, SKU-1 #0, SKU-0 #1

            Connection crashing = db.unpooledConnection();
            crashing.setAutoCommit(false);
            JdbcBus crashingConsumer = new JdbcBus(new JdbcTemplate(new SingleConnectionDataSource(crashing, true)), db.clock());
            BusMessage held = crashingConsumer.claimNext(TOPIC, GROUP).orElseThrow();
            assertThat(published.get(held.journalId())).isEqualTo(new Published(held.journalId(), "SKU-0", 0));

            // Other consumers never get SKU-0 #0 (locked) nor SKU-0 #1 (behind it) while the connection lives.
            for (int i = 0; i < 2; i++) {
                assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP).map(m -> published.get(m.journalId()).key()))
                        .as("nothing of SKU-0 while its first message is held").isNotEqualTo(Optional.of("SKU-0"));
            }

            db.crash(crashing); // the consumer dies: no commit, no rollback, the connection is gone

            BusMessage retaken = await().atMost(Duration.ofSeconds(30))
                    .until(() -> db.tx().execute(s -> bus.claimNext(TOPIC, GROUP)), m -> m.filter(x -> x.id() == held.id()).isPresent())
                    .orElseThrow();
            assertThat(retaken.attempts()).as("a crash is not a counted attempt").isZero();
            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP)).map(BusMessage::id).contains(held.id());
            List<String> rest = new ArrayList<>();
            for (Optional<BusMessage> m = claimAndAcknowledge(db, bus, TOPIC, GROUP); m.isPresent();
                    m = claimAndAcknowledge(db, bus, TOPIC, GROUP)) {
                Published p = published.get(m.get().journalId());
                rest.add(p.key() + " #" + p.sequence());
            }
            assertThat(rest).as("SKU-0 #1 flows once SKU-0 #0 is done").contains("SKU-0 #1");
            assertThat(bus.depth()).isZero();
        }
    }

    @OnBothDatabases
    @DisplayName("while one key's message is held by a consumer, another consumer gets the next key's message")
    void otherKeysFlowWhileOneIsHeld(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            bus.subscribe(TOPIC, "ebay-stock");
            Map<Long, Published> published = publish(db, bus, 3, 2); // SKU-0 #0, SKU-1 #0, SKU-0 #1

            try (Connection holding = db.unpooledConnection()) {
                holding.setAutoCommit(false);
                JdbcBus slowConsumer = new JdbcBus(new JdbcTemplate(new SingleConnectionDataSource(holding, true)), db.clock());
                assertThat(slowConsumer.claimNext(TOPIC, GROUP).map(m -> published.get(m.journalId()).key())).contains("SKU-0");

                assertThat(claimAndAcknowledge(db, bus, TOPIC, "ebay-stock")).as("another group is not affected").isPresent();
                assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP).map(m -> published.get(m.journalId()).key()))
                        .as("SKU-1 is not held back by SKU-0").contains("SKU-1");
                holding.rollback();
            }
        }
    }

    @OnBothDatabases
    @DisplayName("a message claimed in a transaction that rolls back is handed out again")
    void rolledBackClaimIsHandedOutAgain(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            publish(db, bus, 1, 1);

            BusMessage first = db.tx().execute(status -> {
                BusMessage m = bus.claimNext(TOPIC, GROUP).orElseThrow();
                bus.acknowledge(m);
                status.setRollbackOnly();
                return m;
            });

            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP)).map(BusMessage::id).contains(first.id());
        }
    }

    @OnBothDatabases
    @DisplayName("retryLater hides the message until available_at, counts the attempt and keeps the error")
    void retryLaterHidesUntilAvailable(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            publish(db, bus, 1, 1);
            Instant retryAt = db.clock().instant().plus(Duration.ofMinutes(5));

            db.tx().executeWithoutResult(s -> bus.retryLater(bus.claimNext(TOPIC, GROUP).orElseThrow(), retryAt,
                    "INTERMITTENT: 503 from Amazon"));

            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP)).isEmpty();
            db.clock().advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP)).as("one second early").isEmpty();
            assertThat(db.jdbc().queryForObject("SELECT last_error FROM bus_message", String.class))
                    .isEqualTo("INTERMITTENT: 503 from Amazon");

            db.clock().advance(Duration.ofSeconds(1));
            BusMessage again = db.tx().execute(s -> {
                BusMessage m = bus.claimNext(TOPIC, GROUP).orElseThrow();
                bus.retryLater(m, db.clock().instant().plus(Duration.ofMinutes(10)), "INTERMITTENT: again");
                return m;
            });
            assertThat(again.attempts()).isEqualTo(1);

            db.clock().advance(Duration.ofMinutes(10));
            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP)).map(BusMessage::attempts).contains(2);
        }
    }

    @OnBothDatabases
    @DisplayName("a message waiting for its retry holds back its key's later messages but not other keys")
    void retryHoldsBackItsKeyOnly(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            Map<Long, Published> published = publish(db, bus, 3, 2); // SKU-0 #0, SKU-1 #0, SKU-0 #1

            db.tx().executeWithoutResult(s -> bus.retryLater(bus.claimNext(TOPIC, GROUP).orElseThrow(),
                    db.clock().instant().plus(Duration.ofMinutes(1)), "RATE_LIMIT"));

            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP).map(m -> published.get(m.journalId())))
                    .map(Published::key).contains("SKU-1");
            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP)).as("SKU-0 #1 must not overtake SKU-0 #0").isEmpty();

            db.clock().advance(Duration.ofMinutes(1));
            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP).map(m -> published.get(m.journalId()).sequence())).contains(0);
            assertThat(claimAndAcknowledge(db, bus, TOPIC, GROUP).map(m -> published.get(m.journalId()).sequence())).contains(1);
        }
    }

    @OnBothDatabases
    @DisplayName("a very long error is stored cut to the column's 1000 characters")
    void longErrorIsTruncated(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            publish(db, bus, 1, 1);

            db.tx().executeWithoutResult(s -> bus.retryLater(bus.claimNext(TOPIC, GROUP).orElseThrow(),
                    db.clock().instant(), "x".repeat(5000)));

            String stored = db.jdbc().queryForObject("SELECT last_error FROM bus_message", String.class);
            assertThat(stored).hasSize(1000).endsWith("…");
        }
    }

    @OnBothDatabases
    @DisplayName("a consumer claims only its own group's messages of its own topic")
    void messagesOfAnotherGroupOrTopicAreNotClaimed(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "amazon-stock");
            bus.subscribe("stock", "ebay-stock");
            bus.subscribe("orders", "erp-orders");
            publish(db, bus, 1, 1);                            // a stock event: one row each for amazon-stock and ebay-stock

            assertThat(claimAndAcknowledge(db, bus, "orders", "erp-orders")).as("other topic").isEmpty();
            assertThat(claimAndAcknowledge(db, bus, "orders", "amazon-stock")).as("right group, other topic").isEmpty();
            assertThat(claimAndAcknowledge(db, bus, "stock", "erp-orders")).as("right topic, other group").isEmpty();
            assertThat(claimAndAcknowledge(db, bus, "stock", "shopify-stock")).as("not subscribed").isEmpty();

            assertThat(claimAndAcknowledge(db, bus, "stock", "amazon-stock")).map(BusMessage::group).contains("amazon-stock");
            assertThat(claimAndAcknowledge(db, bus, "stock", "amazon-stock")).as("its only row is gone").isEmpty();
            assertThat(bus.depth()).as("ebay-stock's row is untouched").isEqualTo(1);
            assertThat(claimAndAcknowledge(db, bus, "stock", "ebay-stock")).map(BusMessage::group).contains("ebay-stock");
        }
    }

    @OnBothDatabases
    @DisplayName("subscribing twice registers the group once; only events journalled after subscribing are queued")
    void subscribeIsIdempotentAndNotRetroactive(Engine engine) {
        try (StateDatabase db = engine.open()) {
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe(TOPIC, GROUP);
            bus.subscribe(TOPIC, GROUP);
            assertThat(db.count("bus_subscription")).isEqualTo(1);

            publish(db, bus, 1, 1);
            bus.subscribe(TOPIC, "late-group");

            assertThat(bus.depth()).isEqualTo(1);
            assertThat(claimAndAcknowledge(db, bus, TOPIC, "late-group")).isEmpty();
        }
    }
}
