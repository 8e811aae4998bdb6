package io.omnisync.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnisync.connector.ebay.EbayApi;
import io.omnisync.connector.ebay.EbayClient;
import io.omnisync.connector.ebay.EbayProperties;
import io.omnisync.connector.ebay.EbayRequest;
import io.omnisync.connector.magento.MagentoClient;
import io.omnisync.connector.magento.MagentoProperties;
import io.omnisync.connector.pos.PosClient;
import io.omnisync.connector.pos.PosInventory;
import io.omnisync.connector.pos.PosProperties;
import io.omnisync.platform.TestClock;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.outbound.ScriptedHttpServer.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Matrix rows 6 (429 with Retry-After), 7 (a 503 outage: the breaker), 8 (a slow endpoint: the bulkhead) and 9
 * (connection reset or empty response on a POST) against real HTTP servers on loopback. Waits go through a sleeper
 * that moves a test clock, which the servers stamp requests with and the breakers run on: nothing sleeps for real.
 */
class OutboundResilienceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE_VIEWS = "[{\"id\":1,\"code\":\"default\"}]";

    private final TestClock clock = new TestClock();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private OutboundCalls outbound() {
        OutboundProperties properties = new OutboundProperties();
        properties.setAllowPrivateNetworks(true);
        return new OutboundCalls(properties, UrlPolicy.Resolver.SYSTEM, clock, registry);
    }

    private Sleeper sleeper() {
        return duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        };
    }

    private MagentoClient magento(String baseUrl, OutboundCalls outbound) {
        MagentoProperties properties = new MagentoProperties();
        properties.setBaseUrl(baseUrl);
        properties.setAuthMode(MagentoProperties.AuthMode.BEARER);
        properties.setAccessToken("resilience-test-token-0123");
        return new MagentoClient(properties, JSON, outbound, clock, sleeper(), new Random(7));
    }

    private EbayClient ebay(String baseUrl, OutboundCalls outbound) {
        EbayProperties properties = new EbayProperties();
        properties.setApiBaseUrl(baseUrl);
        properties.setTokenUrl(baseUrl + "/identity/v1/oauth2/token");
        properties.setClientId("client-id");
        properties.setClientSecret("client-secret-0123");
        properties.setRefreshToken("refresh-token-0123");
        properties.getLimits().setInventoryCallsPerSecond(1000);
        properties.getLimits().setFulfillmentCallsPerSecond(1000);
        properties.getLimits().setBurst(1000);
        return new EbayClient(properties, JSON, clock, sleeper(), new Random(7), outbound);
    }

    private PosClient pos(String baseUrl, OutboundCalls outbound) {
        PosProperties properties = new PosProperties();
        properties.setBaseUrl(baseUrl);
        properties.setAccessToken("pos-token-0123456789");
        properties.getLimits().setCallsPerSecond(1000);
        properties.getLimits().setBurst(1000);
        return new PosClient(properties, JSON, clock, sleeper(), new Random(7), outbound);
    }

    /** eBay's token endpoint, which the scripted eBay servers answer at once. */
    private static boolean isToken(ScriptedHttpServer.Request request) {
        return request.path().startsWith("/identity/");
    }

    private static final Reply TOKEN = Reply.json(200, "{\"access_token\":\"v^1.1#user-token\",\"expires_in\":7200}");

    // ------------------------------------------------------------------------------------------------ row 6

    @Test
    void shouldWaitOutMagentosRetryAfterTwiceThenSucceedWithNoEarlyRetryAndNoBreakerFailure() {
        AtomicInteger calls = new AtomicInteger();
        try (ScriptedHttpServer magento = ScriptedHttpServer.start(clock, request -> calls.incrementAndGet() <= 2
                ? Reply.json(429, "{\"message\":\"Too many requests\"}", "Retry-After", "30")
                : Reply.json(200, STORE_VIEWS))) {
            OutboundCalls outbound = outbound();
            MagentoClient client = magento(magento.baseUrl(), outbound);

            JsonNode answer = client.get("/V1/store/storeViews");

            assertThat(answer.get(0).path("code").asText()).isEqualTo("default");
            List<ScriptedHttpServer.Request> requests = magento.requests();
            assertThat(requests).hasSize(3); // within the budget: 1 + rate-limit-retries (2)
            for (int i = 1; i < requests.size(); i++) {
                assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
                        .as("early retry %d", i).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            }
            assertThat(sleeps).hasSize(2).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33)));
            OutboundEndpoint endpoint = outbound.endpoint("magento");
            assertThat(endpoint.failedCalls()).isZero();
            assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void shouldWaitOutThePosRetryAfterGivenAsAnHttpDate() {
        AtomicInteger calls = new AtomicInteger();
        try (ScriptedHttpServer square = ScriptedHttpServer.start(clock, request -> calls.incrementAndGet() <= 2
                ? Reply.json(429, "{\"errors\":[{\"category\":\"RATE_LIMIT_ERROR\",\"code\":\"RATE_LIMITED\"}]}",
                        "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(20).atOffset(ZoneOffset.UTC)))
                : Reply.json(200, "{\"locations\":[{\"id\":\"L-BERLIN\"}]}"))) {
            PosClient client = pos(square.baseUrl(), outbound());

            assertThat(client.get("/v2/locations").path("locations")).hasSize(1);

            List<ScriptedHttpServer.Request> requests = square.requests();
            assertThat(requests).hasSize(3);
            for (int i = 1; i < requests.size(); i++) {
                assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
                        .as("early retry %d", i).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void shouldFailAtOnceCarryingRetryAfterWhenItIsLongerThanTheClientMayWaitAndNeverCountA429AsFailure() {
        try (ScriptedHttpServer magento = ScriptedHttpServer.start(clock,
                request -> Reply.json(429, "{\"message\":\"Too many requests\"}", "Retry-After", "3600"))) {
            OutboundCalls outbound = outbound();
            MagentoClient client = magento(magento.baseUrl(), outbound);

            for (int i = 0; i < 25; i++) {
                IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> client.get("/V1/store/storeViews"));
                assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
                assertThat(failure.retryAfter()).contains(Duration.ofHours(1));
                assertThat(failure.getMessage()).contains("answered 429: Too many requests (Retry-After 3600s)");
            }

            assertThat(sleeps).isEmpty();
            assertThat(magento.requests()).hasSize(25);
            OutboundEndpoint endpoint = outbound.endpoint("magento");
            assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(endpoint.bufferedCalls()).isEqualTo(20);
            assertThat(endpoint.failedCalls()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------ row 7

    @Test
    void shouldOpenTheBreakerOnAnOutageLetOnlyProbesThroughWhileOpenAndCloseOnRecovery() {
        AtomicBoolean down = new AtomicBoolean(true);
        try (ScriptedHttpServer magento = ScriptedHttpServer.start(clock, request -> down.get()
                ? Reply.status(503, "<html>Service Unavailable</html>")
                : Reply.json(200, STORE_VIEWS))) {
            OutboundCalls outbound = outbound();
            MagentoClient client = magento(magento.baseUrl(), outbound);
            OutboundEndpoint endpoint = outbound.endpoint("magento");

            for (int i = 0; i < 10; i++) { // minimum-number-of-calls: 10, all failed
                assertThat(catchThrowableOfType(IntegrationException.class, () -> client.get("/V1/store/storeViews"))
                        .errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
            }
            assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.OPEN);

            IntegrationException fast = catchThrowableOfType(IntegrationException.class, () -> client.get("/V1/store/storeViews"));
            assertThat(fast.errorClass()).isEqualTo(ErrorClass.UNAVAILABLE);
            assertThat(fast.errorClass().transientFailure()).isTrue();
            assertThat(fast.getMessage()).contains("Magento GET /V1/store/storeViews not sent: the circuit breaker of "
                    + "endpoint 'magento' is OPEN after 100% of its last 10 calls failed; it lets a probe through at "
                    + TestClock.START.plusSeconds(30) + " (in 30s)");
            for (int i = 0; i < 50; i++) {
                clock.advance(Duration.ofMillis(500));
                catchThrowableOfType(IntegrationException.class, () -> client.get("/V1/store/storeViews"));
            }
            assertThat(magento.requests()).as("calls that reached Magento while the breaker was open").hasSize(10);
            assertThat(endpoint.breakerRejections()).isEqualTo(51);
            assertThat(registry.get("omnisync_outbound_breaker_state").tag("endpoint", "magento").gauge().value()).isEqualTo(2);

            // still down at the first probe time: 3 probes fail and the breaker opens again
            clock.advance(Duration.ofSeconds(6));
            for (int i = 0; i < 3; i++) {
                catchThrowableOfType(IntegrationException.class, () -> client.get("/V1/store/storeViews"));
            }
            assertThat(magento.requests()).hasSize(13);
            assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.OPEN);

            down.set(false);
            clock.advance(Duration.ofSeconds(31));
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/V1/store/storeViews")).hasSize(1);
            }
            assertThat(endpoint.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(client.get("/V1/store/storeViews")).hasSize(1);
            assertThat(magento.requests()).hasSize(17);
            assertThat(registry.get("omnisync_outbound_calls_not_permitted").tag("endpoint", "magento")
                    .tag("reason", "breaker").functionCounter().count()).isEqualTo(51);
        }
    }

    // ------------------------------------------------------------------------------------------------ row 8

    @Test
    void shouldRejectCallsBeyondTheBulkheadOfASlowEndpointWithoutSlowingAnotherEndpoint() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (ScriptedHttpServer slowEbay = ScriptedHttpServer.start(clock, request -> isToken(request) ? TOKEN
                     : Reply.json(200, "{\"inventoryItems\":[],\"total\":0}").after(release));
             ScriptedHttpServer magento = ScriptedHttpServer.start(clock, request -> Reply.json(200, STORE_VIEWS))) {
            OutboundCalls outbound = outbound();
            EbayClient ebayClient = ebay(slowEbay.baseUrl(), outbound);
            MagentoClient magentoClient = magento(magento.baseUrl(), outbound);
            EbayRequest list = EbayRequest.get(EbayApi.INVENTORY, "/inventory_item?limit=1");

            List<Future<JsonNode>> held = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                held.add(callers.submit(() -> ebayClient.call(list)));
            }
            await().until(() -> slowEbay.requests("GET", "/inventory_item") == 16);

            IntegrationException rejected = catchThrowableOfType(IntegrationException.class, () -> ebayClient.call(list));
            for (int i = 0; i < 20; i++) {
                assertThat(magentoClient.get("/V1/store/storeViews")).hasSize(1);
            }

            assertThat(held).noneMatch(Future::isDone); // Magento answered 20 times while all 16 eBay calls were held
            assertThat(rejected.errorClass()).isEqualTo(ErrorClass.UNAVAILABLE);
            assertThat(rejected.getMessage()).contains("eBay GET /sell/inventory/v1/inventory_item not sent: the bulkhead "
                    + "of endpoint 'ebay' is full (16 calls in flight)");
            assertThat(slowEbay.requests("GET", "/inventory_item")).isEqualTo(16);
            assertThat(outbound.endpoint("ebay").bulkheadRejections()).isEqualTo(1);
            assertThat(outbound.endpoint("magento").bulkheadRejections()).isZero();
            assertThat(registry.get("omnisync_outbound_bulkhead_available").tag("endpoint", "ebay").gauge().value()).isZero();

            release.countDown();
            for (Future<JsonNode> call : held) {
                assertThat(call.get().path("total").asInt()).isZero();
            }
            assertThat(outbound.endpoint("ebay").bulkheadAvailable()).isEqualTo(16);
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ row 9

    @Test
    void shouldNotRepeatAPostThatCarriesNoIdempotencyKeyAfterAResetOrAnEmptyResponse() {
        AtomicInteger api = new AtomicInteger();
        try (ScriptedHttpServer ebay = ScriptedHttpServer.start(clock, request -> {
            if (isToken(request)) {
                return TOKEN;
            }
            int n = api.incrementAndGet();
            return n == 1 || n == 3 ? Reply.reset() : n == 2 ? Reply.empty() : Reply.json(200, "{\"total\":0}");
        }); ScriptedHttpServer magento = ScriptedHttpServer.start(clock, request -> Reply.reset())) {
            OutboundCalls outbound = outbound();
            EbayClient client = ebay(ebay.baseUrl(), outbound);
            EbayRequest ship = EbayRequest.post(EbayApi.FULFILLMENT, "/order/12-34567-89012/shipping_fulfillment",
                    JSON.createObjectNode().put("trackingNumber", "1Z999"));

            IntegrationException reset = catchThrowableOfType(IntegrationException.class, () -> client.call(ship));
            IntegrationException empty = catchThrowableOfType(IntegrationException.class, () -> client.call(ship));

            assertThat(reset.errorClass()).isEqualTo(ErrorClass.CONNECTION);
            assertThat(empty.errorClass()).isEqualTo(ErrorClass.CONNECTION);
            assertThat(ebay.requests("POST", "/shipping_fulfillment")).as("each ambiguous POST sent once").isEqualTo(2);
            assertThat(sleeps).isEmpty();

            // a GET after a reset is safe to repeat, and is
            assertThat(client.call(EbayRequest.get(EbayApi.INVENTORY, "/inventory_item?limit=1")).path("total").asInt()).isZero();
            assertThat(ebay.requests("GET", "/inventory_item")).isEqualTo(2);

            // Magento's POSTs (carts, orders) are never repeated in the client: the bus retries the route, which reads first
            IntegrationException magentoReset = catchThrowableOfType(IntegrationException.class, () -> magento(magento.baseUrl(),
                    outbound).post("default", "/V1/carts/mine", JSON.createObjectNode()));
            assertThat(magentoReset.errorClass()).isEqualTo(ErrorClass.CONNECTION);
            assertThat(magento.requests()).hasSize(1);
        }
    }

    @Test
    void shouldRepeatAPosWriteAfterAResetOnlyWithTheSameIdempotencyKey() {
        AtomicInteger calls = new AtomicInteger();
        try (ScriptedHttpServer square = ScriptedHttpServer.start(clock, request -> calls.incrementAndGet() == 1
                ? Reply.reset() : Reply.json(200, "{\"counts\":[]}"))) {
            PosInventory inventory = new PosInventory(pos(square.baseUrl(), outbound()));

            inventory.setCounts(List.of(new PosInventory.Count("VAR-1", "L-BERLIN", BigDecimal.TEN,
                    Instant.parse("2026-11-22T10:00:00Z"))));

            List<ScriptedHttpServer.Request> writes = square.requests();
            assertThat(writes).hasSize(2);
            String key = parse(writes.get(0).body()).path("idempotency_key").asText();
            assertThat(key).hasSize(64);
            assertThat(parse(writes.get(1).body()).path("idempotency_key").asText()).isEqualTo(key);
            assertThat(sleeps).hasSize(1);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
