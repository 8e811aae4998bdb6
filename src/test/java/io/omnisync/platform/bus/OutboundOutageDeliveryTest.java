package io.omnisync.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnisync.connector.magento.MagentoClient;
import io.omnisync.connector.magento.MagentoProperties;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.TestClock;
import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.deadletter.DeadLetter;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.platform.outbound.OutboundCalls;
import io.omnisync.platform.outbound.OutboundEndpoint;
import io.omnisync.platform.outbound.OutboundProperties;
import io.omnisync.platform.outbound.ScriptedHttpServer;
import io.omnisync.platform.outbound.ScriptedHttpServer.Reply;
import io.omnisync.platform.outbound.UrlPolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Matrix row 7 on the bus: Magento answers 503 for a while, a route on the jdbc bus keeps calling it. The breaker opens
 * and, while it is open, no call reaches Magento (the bus redelivers, each attempt fails at once as UNAVAILABLE); when
 * Magento is back and the breaker's wait is over, the probes close it and every event's effect lands exactly once, with
 * no dead letter. An outage longer than the retry budget dead-letters the event after exactly max-attempts, not before.
 * The breaker runs on a test clock, so "the wait is over" is a clock move, not a sleep.
 */
class OutboundOutageDeliveryTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final TestClock breakerClock = new TestClock();
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final List<String> applied = new CopyOnWriteArrayList<>();

    private ScriptedHttpServer magento() {
        return ScriptedHttpServer.start(request -> {
            if (down.get()) {
                return Reply.status(503, "<html>Service Unavailable</html>");
            }
            applied.add(request.body().replaceAll(".*\"sku\":\"([^\"]+)\".*", "$1"));
            return Reply.json(200, "[]");
        });
    }

    private MagentoClient client(ScriptedHttpServer magento, OutboundCalls outbound) {
        MagentoProperties properties = new MagentoProperties();
        properties.setBaseUrl(magento.baseUrl());
        properties.setAuthMode(MagentoProperties.AuthMode.BEARER);
        properties.setAccessToken("outage-test-token-0123");
        return new MagentoClient(properties, JSON, outbound, breakerClock, d -> { }, new Random(3));
    }

    private OutboundCalls outbound() {
        OutboundProperties properties = new OutboundProperties();
        properties.setAllowPrivateNetworks(true);
        return new OutboundCalls(properties, UrlPolicy.Resolver.SYSTEM, breakerClock, new SimpleMeterRegistry());
    }

    private static CamelContext camel(StateDatabase db, int maxAttempts, MagentoClient client) throws Exception {
        return BusDeliveryTest.camel(db, maxAttempts, new RouteBuilder() {
            @Override
            public void configure() {
                from("bus:stock").routeId("stock-to-magento").process((Exchange exchange) -> {
                    StockChanged event = exchange.getProperty(BusHeaders.EVENT_PROPERTY, StockChanged.class);
                    client.post("default", "/V1/inventory/source-items", JSON.createObjectNode().put("sku", event.sku()));
                });
            }
        });
    }

    private static List<Long> publish(StateDatabase db, int count) {
        Clock clock = Clock.systemUTC();
        Journal journal = new Journal(db.jdbc(), db.tx(), JSON, new JdbcBus(db.jdbc(), clock), clock);
        return IntStream.rangeClosed(1, count).mapToObj(i -> {
            StockChanged event = new StockChanged("OS-000" + i, "us_warehouse", BigDecimal.TEN, true, 1, Instant.now());
            return journal.append("magento", List.of(new SourcedEvent("outage-" + i, event))).journalIds().get(0);
        }).toList();
    }

    private static String status(StateDatabase db, long journalId) {
        return db.jdbc().queryForObject("SELECT status FROM journal WHERE id = ?", String.class, journalId);
    }

    @Test
    void shouldCallNothingWhileTheBreakerIsOpenAndLandEveryEffectOnceAfterRecovery() throws Exception {
        try (StateDatabase db = Engine.H2.open(); ScriptedHttpServer magento = magento()) {
            OutboundCalls outbound = outbound();
            OutboundEndpoint endpoint = outbound.endpoint("magento");
            CamelContext camel = camel(db, 1000, client(magento, outbound));
            try {
                List<Long> ids = publish(db, 5);

                await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.breakerRejections() >= 20);
                assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.OPEN);
                int reachedMagento = magento.requests().size();
                long rejections = endpoint.breakerRejections();
                await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.breakerRejections() >= rejections + 40);
                assertThat(magento.requests()).as("calls while the breaker was open").hasSize(reachedMagento);
                assertThat(reachedMagento).isBetween(10, 11); // minimum-number-of-calls, plus one already in flight
                assertThat(db.count("dead_letter")).isZero();
                assertThat(ids).allSatisfy(id -> assertThat(status(db, id)).isNotEqualTo("PROCESSED"));

                down.set(false);
                breakerClock.advance(Duration.ofSeconds(31));
                await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> "PROCESSED".equals(status(db, id))));

                assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.CLOSED);
                assertThat(applied).containsExactlyInAnyOrder("OS-0001", "OS-0002", "OS-0003", "OS-0004", "OS-0005");
                assertThat(db.count("dead_letter")).isZero();
                assertThat(db.count("bus_message")).isZero();
            } finally {
                camel.stop();
            }
        }
    }

    @Test
    void shouldDeadLetterOnlyOnceTheRetryBudgetIsSpent() throws Exception {
        try (StateDatabase db = Engine.H2.open(); ScriptedHttpServer magento = magento()) {
            CamelContext camel = camel(db, 4, client(magento, outbound()));
            try {
                long id = publish(db, 1).get(0);

                await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(db, id)));

                DeadLetter letter = new DeadLetters(db.jdbc(), Clock.systemUTC()).list(DeadLetters.OPEN, 10).get(0);
                assertThat(letter.attempts()).isEqualTo(4);
                assertThat(letter.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
                assertThat(letter.reason()).contains("Magento POST /V1/inventory/source-items answered 503");
                assertThat(magento.requests()).hasSize(4);
                assertThat(applied).isEmpty();
            } finally {
                camel.stop();
            }
        }
    }

    @Test
    void shouldWaitAtLeastTheRetryAfterARateLimitedCallCarries() {
        PlatformProperties.Bus settings = new PlatformProperties().getBus();
        IntegrationException limited = new IntegrationException(ErrorClass.RATE_LIMIT, "answered 429", Duration.ofSeconds(90));

        assertThat(Backoff.of(settings, 1, new RuntimeException("route failed", limited))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Backoff.of(settings, 1, new IntegrationException(ErrorClass.RATE_LIMIT, "429", Duration.ofDays(2))))
                .isEqualTo(Backoff.LONGEST_RETRY_AFTER);
        assertThat(Backoff.of(settings, 1, new IntegrationException(ErrorClass.RATE_LIMIT, "429")))
                .isLessThanOrEqualTo(settings.getInitialBackoff());
        assertThat(Backoff.of(settings, 12, new IntegrationException(ErrorClass.RATE_LIMIT, "429", Duration.ofSeconds(1))))
                .isGreaterThanOrEqualTo(settings.getMaxBackoff().dividedBy(2));
    }
}
