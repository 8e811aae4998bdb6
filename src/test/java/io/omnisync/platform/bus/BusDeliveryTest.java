package io.omnisync.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.deadletter.DeadLetter;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Routes on the bus, on H2 and PostgreSQL: a delivery commits its route's database effects together with its
 * acknowledgement, transient failures are retried with backoff and then dead-lettered, permanent ones are
 * dead-lettered at once, and every route of a topic gets every event.
 */
class BusDeliveryTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** The OmnisyncAttempt header of every delivery, per route and SKU. */
    private static final Map<String, List<Integer>> ATTEMPT_HEADERS = new ConcurrentHashMap<>();

    /** Writes one audit row per attempt (inside the delivery's transaction), then fails as scripted. */
    private static RouteBuilder route(String id, StateDatabase db, Map<String, AtomicInteger> attempts,
                                      java.util.function.IntFunction<RuntimeException> failure) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("bus:stock").routeId(id).process((Exchange exchange) -> {
                    String sku = exchange.getIn().getHeader(BusHeaders.ENTITY_KEY, String.class);
                    int attempt = attempts.computeIfAbsent(id + sku, k -> new AtomicInteger()).incrementAndGet();
                    ATTEMPT_HEADERS.computeIfAbsent(id + sku, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(exchange.getIn().getHeader(BusHeaders.ATTEMPT, Integer.class));
                    assertThat(exchange.getProperty(BusHeaders.EVENT_PROPERTY)).isInstanceOf(StockChanged.class);
                    db.jdbc().update("INSERT INTO audit_log (actor, action, target, result, at) VALUES (?, 'effect', ?, ?, ?)",
                            id, sku, "attempt " + attempt, Timestamp.from(Instant.now()));
                    RuntimeException fail = failure.apply(attempt);
                    if (fail != null) {
                        throw fail;
                    }
                });
            }
        };
    }

    /** A Camel context with the jdbc bus on {@code db} (backoff 20-80 ms) running {@code routes}. */
    static CamelContext camel(StateDatabase db, int maxAttempts, RouteBuilder... routes) throws Exception {
        PlatformProperties.Bus settings = new PlatformProperties().getBus();
        settings.setMaxAttempts(maxAttempts);
        settings.setInitialBackoff(Duration.ofMillis(20));
        settings.setMaxBackoff(Duration.ofMillis(80));
        settings.setPollInterval(Duration.ofMillis(20));
        Clock clock = Clock.systemUTC();
        JdbcBus bus = new JdbcBus(db.jdbc(), clock);
        Journal journal = new Journal(db.jdbc(), db.tx(), JSON, bus, clock);
        BusRuntime runtime = new BusRuntime(bus, journal, new IdempotencyKeys(db.jdbc(), clock, Duration.ofDays(3)),
                new DeadLetters(db.jdbc(), clock), db.tx(), settings, new BusMetrics(new SimpleMeterRegistry()),
                new BusSignal(), clock);
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("bus", new BusComponent(runtime));
        for (RouteBuilder route : routes) {
            camel.addRoutes(route);
        }
        camel.start();
        return camel;
    }

    private static long publish(StateDatabase db, String sku) {
        Clock clock = Clock.systemUTC();
        Journal journal = new Journal(db.jdbc(), db.tx(), JSON, new JdbcBus(db.jdbc(), clock), clock);
        StockChanged event = new StockChanged(sku, "us_warehouse", BigDecimal.TEN, true, 1, Instant.now());
        return journal.append("magento", List.of(new SourcedEvent("evt-" + sku, event))).journalIds().get(0);
    }

    private static String status(StateDatabase db, long journalId) {
        return db.jdbc().queryForObject("SELECT status FROM journal WHERE id = ?", String.class, journalId);
    }

    private static int effects(StateDatabase db, String route) {
        Integer n = db.jdbc().queryForObject("SELECT COUNT(*) FROM audit_log WHERE actor = ?", Integer.class, route);
        return n == null ? 0 : n;
    }

    @OnBothDatabases
    void shouldRetryATransientFailureAndKeepOnlyTheSuccessfulAttemptsEffect(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            CamelContext camel = camel(db, 5, route("flaky", db, attempts,
                    attempt -> attempt < 3 ? new IntegrationException(ErrorClass.INTERMITTENT, "Magento answered 503") : null));
            try {
                long id = publish(db, "OS-0001");

                await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSED".equals(status(db, id)));

                assertThat(attempts.get("flakyOS-0001")).hasValue(3);
                assertThat(ATTEMPT_HEADERS.remove("flakyOS-0001")).containsExactly(1, 2, 3);
                assertThat(effects(db, "flaky")).as("the failed attempts' effects were rolled back").isEqualTo(1);
                assertThat(db.jdbc().queryForObject("SELECT result FROM audit_log WHERE actor = 'flaky'", String.class))
                        .isEqualTo("attempt 3");
                assertThat(db.count("bus_message")).isZero();
                assertThat(db.count("dead_letter")).isZero();
            } finally {
                camel.stop();
            }
        }
    }

    @OnBothDatabases
    void shouldDeadLetterAPermanentFailureAtOnceWithItsReason(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            CamelContext camel = camel(db, 5, route("strict", db, attempts,
                    attempt -> new IntegrationException(ErrorClass.MISSING, "unknown SKU OS-0002 in Magento")));
            try {
                long id = publish(db, "OS-0002");

                await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(db, id)));

                DeadLetter letter = new DeadLetters(db.jdbc(), Clock.systemUTC()).list(DeadLetters.OPEN, 10).get(0);
                assertThat(letter.routeId()).isEqualTo("strict");
                assertThat(letter.journalId()).isEqualTo(id);
                assertThat(letter.errorClass()).isEqualTo(ErrorClass.MISSING);
                assertThat(letter.attempts()).isEqualTo(1);
                assertThat(letter.reason()).isEqualTo("MISSING: unknown SKU OS-0002 in Magento");
                assertThat(effects(db, "strict")).isZero();
                assertThat(db.count("bus_message")).isZero();
            } finally {
                camel.stop();
            }
        }
    }

    @OnBothDatabases
    void shouldDeadLetterATransientFailureOnceTheAttemptsAreSpent(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            CamelContext camel = camel(db, 3, route("down", db, attempts,
                    attempt -> new IntegrationException(ErrorClass.CONNECTION, "connection refused")));
            try {
                long id = publish(db, "OS-0003");

                await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(db, id)));

                assertThat(attempts.get("downOS-0003")).hasValue(3);
                DeadLetter letter = new DeadLetters(db.jdbc(), Clock.systemUTC()).list(DeadLetters.OPEN, 10).get(0);
                assertThat(letter.errorClass()).isEqualTo(ErrorClass.CONNECTION);
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(effects(db, "down")).isZero();
            } finally {
                camel.stop();
            }
        }
    }

    @OnBothDatabases
    void shouldDeliverEveryEventToEveryRouteOfItsTopicAndFinishItAfterTheLast(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            CamelContext camel = camel(db, 5, route("to-amazon", db, attempts, attempt -> null),
                    route("to-ebay", db, attempts, attempt -> attempt < 2
                            ? new IntegrationException(ErrorClass.RATE_LIMIT, "429") : null));
            try {
                long first = publish(db, "OS-0004");
                long second = publish(db, "OS-0005");

                try {
                    await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSED".equals(status(db, first))
                            && "PROCESSED".equals(status(db, second)));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    System.out.println("STUCK bus: " + db.jdbc().queryForList("SELECT * FROM bus_message"));
                    System.out.println("STUCK journal: " + db.jdbc().queryForList("SELECT id, status FROM journal"));
                    System.out.println("STUCK effects: " + db.jdbc().queryForList("SELECT * FROM audit_log"));
                    System.out.println("STUCK now: " + java.time.Instant.now());
                    throw e;
                }

                assertThat(effects(db, "to-amazon")).isEqualTo(2);
                assertThat(effects(db, "to-ebay")).isEqualTo(2);
                assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM idempotency_key", Integer.class)).isEqualTo(4);
            } finally {
                camel.stop();
            }
        }
    }

    @OnBothDatabases
    void shouldJournalWhatARouteSendsToTheBusOnceAndFlagARepeat(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            CamelContext camel = camel(db, 5);
            try {
                StockChanged event = new StockChanged("OS-0006", "eu_warehouse", BigDecimal.ONE, true, 7, Instant.now());
                Map<String, Object> headers = Map.of(BusHeaders.SOURCE, "erp", BusHeaders.SOURCE_EVENT_ID, "receipt-77");
                var producer = camel.createProducerTemplate();

                Exchange first = producer.send("bus:stock", e -> {
                    e.getIn().setBody(event);
                    e.getIn().setHeaders(new java.util.HashMap<>(headers));
                });
                Exchange repeat = producer.send("bus:stock", e -> {
                    e.getIn().setBody(JSON.writerFor(io.omnisync.platform.event.CanonicalEvent.class).writeValueAsString(event));
                    e.getIn().setHeaders(new java.util.HashMap<>(headers));
                });
                Exchange wrongTopic = producer.send("bus:orders", e -> {
                    e.getIn().setBody(event);
                    e.getIn().setHeaders(new java.util.HashMap<>(headers));
                });

                assertThat(first.getException()).isNull();
                assertThat(first.getIn().getHeader(BusProducer.DUPLICATE, Boolean.class)).isFalse();
                assertThat(repeat.getIn().getHeader(BusProducer.DUPLICATE, Boolean.class)).isTrue();
                assertThat(wrongTopic.getException()).hasMessageContaining("belongs on bus:stock");
                assertThat(db.count("journal")).isEqualTo(1);
            } finally {
                camel.stop();
            }
        }
    }

    /** A joined transaction that fails marks the delivery's transaction rollback-only; its savepoint rollback clears that. */
    @OnBothDatabases
    void shouldRecordAFailureInsideAJoinedTransactionInsteadOfDoomingTheBatch(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            CamelContext camel = camel(db, 5, route("nested", db, attempts, attempt -> db.tx().execute(status -> {
                db.jdbc().update("INSERT INTO audit_log (actor, action, target, result, at) VALUES ('nested', 'inner', 'x', 'y', ?)",
                        Timestamp.from(Instant.now()));
                throw new IntegrationException(ErrorClass.VALUE, "the repository refused the value");
            })));
            try {
                long bad = publish(db, "OS-0007");
                long good = publish(db, "OS-0008");

                await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(db, bad))
                        && "FAILED".equals(status(db, good)));

                assertThat(attempts.get("nestedOS-0007")).hasValue(1);
                assertThat(db.count("dead_letter")).isEqualTo(2);
                assertThat(effects(db, "nested")).as("nothing of the failed deliveries was committed").isZero();
            } finally {
                camel.stop();
            }
        }
    }

    @OnBothDatabases
    void shouldDeadLetterAnErrorThrownByARouteAndKeepConsuming(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            CamelContext camel = camel(db, 5, new RouteBuilder() {
                @Override
                public void configure() {
                    from("bus:stock?consumers=1").routeId("erratic").process(exchange -> {
                        if ("OS-0009".equals(exchange.getIn().getHeader(BusHeaders.ENTITY_KEY))) {
                            throw new NoClassDefFoundError("com/example/MissingMappingHelper");
                        }
                    });
                }
            });
            try {
                long broken = publish(db, "OS-0009");
                long next = publish(db, "OS-0010");

                await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(db, broken))
                        && "PROCESSED".equals(status(db, next)));

                DeadLetter letter = new DeadLetters(db.jdbc(), Clock.systemUTC()).list(DeadLetters.OPEN, 10).get(0);
                assertThat(letter.errorClass()).isEqualTo(ErrorClass.UNKNOWN);
                assertThat(letter.reason()).contains("MissingMappingHelper");
            } finally {
                camel.stop();
            }
        }
    }

    /**
     * Regression: two routes finishing the same event in concurrent transactions each saw the other's message still
     * queued, so the journal entry stayed PENDING forever (seen as a hang of the fan-out test on H2 in CI).
     */
    @OnBothDatabases
    void shouldMarkAnEventProcessedWhenItsLastTwoRoutesFinishConcurrently(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            Clock clock = Clock.systemUTC();
            JdbcBus bus = new JdbcBus(db.jdbc(), clock);
            bus.subscribe("stock", "route-a");
            bus.subscribe("stock", "route-b");
            Journal journal = new Journal(db.jdbc(), db.tx(), JSON, bus, clock);
            long id = publish(db, "OS-0011");
            java.util.concurrent.CountDownLatch firstFinished = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch commitFirst = new java.util.concurrent.CountDownLatch(1);

            java.util.concurrent.CompletableFuture<Void> first = java.util.concurrent.CompletableFuture.runAsync(
                    () -> db.tx().executeWithoutResult(status -> {
                        finish(db, journal, id, "route-a");
                        firstFinished.countDown();
                        awaitLatch(commitFirst);
                    }));
            awaitLatch(firstFinished);
            java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(
                    () -> db.tx().executeWithoutResult(status -> finish(db, journal, id, "route-b")));
            await().atMost(Duration.ofSeconds(10)).until(() -> db.waitingIn("SELECT id FROM journal") > 0);
            commitFirst.countDown();
            first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            second.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(status(db, id)).isEqualTo("PROCESSED");
            assertThat(db.count("bus_message")).isZero();
        }
    }

    /** What Delivery does when a route is done with an event: lock the entry, acknowledge, complete if last. */
    private static void finish(StateDatabase db, Journal journal, long journalId, String group) {
        long message = db.jdbc().queryForObject("SELECT id FROM bus_message WHERE journal_id = ? AND group_name = ?",
                Long.class, journalId, group);
        journal.lockForCompletion(journalId);
        db.jdbc().update("DELETE FROM bus_message WHERE id = ?", message);
        journal.completeIfLast(journalId);
    }

    private static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
