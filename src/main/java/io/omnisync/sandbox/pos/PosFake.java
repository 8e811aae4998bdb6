package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.omnisync.sandbox.ContractValidator;
import io.omnisync.sandbox.JsonHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful in-process fake of a Square-compatible POS (Square API v2 subset) on 127.0.0.1: the location
 * {@code L-BERLIN} ("Berlin Store", EUR), 45 catalog items with one variation each ({@code OS-0001}..{@code OS-0045},
 * EUR prices), in-stock counts per variation and location, counter sales and returns with signed webhooks. Every
 * call needs the Bearer token, passes the injected faults and is checked against Square's OpenAPI contract; every
 * error is Square's {@code errors[]} envelope, never a stack trace.
 */
public final class PosFake implements AutoCloseable {

    public static final String MERCHANT_ID = "ML0MNISYNC0001";
    static final String CONTRACT = "contracts/square/api.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PosFakeOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ContractValidator contract;
    private final Object lock = new Object();
    private final PosCatalogBook catalog;
    private final PosInventoryBook inventory;
    private final PosWebhooks webhooks;
    private final PosOrderBook orders;
    private final PosFakeApi api;
    private final Queue<String> requestLog = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicLong retryAfterSeconds = new AtomicLong(1);

    private PosFake(PosFakeOptions options, HttpServer server, ExecutorService executor) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.contract = options.contractDir() == null ? ContractValidator.forClasspath(CONTRACT, "/")
                : ContractValidator.forFile(options.contractDir().resolve("api.json"), "/");
        this.catalog = new PosCatalogBook(now());
        this.inventory = new PosInventoryBook(catalog, now());
        this.webhooks = new PosWebhooks(this::now, Duration.ofMillis(500));
        this.orders = new PosOrderBook(lock, catalog, inventory, webhooks, this::now);
        this.api = new PosFakeApi(catalog, inventory, orders, options.countsPageSize(), this::now);
    }

    /** Loads the contract (cached per JVM), seeds the merchant and starts serving. */
    public static PosFake start(PosFakeOptions options) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "pos-fake-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            PosFake fake = new PosFake(options, server, executor);
            server.setExecutor(executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the POS fake", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public PosFakeOptions options() {
        return options;
    }

    /** A copy of the variation with this SKU (case-insensitive), if the catalogue has one. */
    public java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> variation(String sku) {
        synchronized (lock) {
            return catalog.variationBySku(sku).map(v -> v.deepCopy());
        }
    }

    /** Copies of the merchant's locations. */
    public java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> locations() {
        synchronized (lock) {
            return catalog.locations().stream().map(l -> l.deepCopy()).toList();
        }
    }

    /** The in-stock quantity of a SKU's variation at a location (zero when the SKU or the count is unknown). */
    public java.math.BigDecimal inStock(String sku, String locationId) {
        synchronized (lock) {
            return catalog.variationBySku(sku).map(v -> inventory.quantity(v.path("id").asText(), locationId))
                    .orElse(java.math.BigDecimal.ZERO);
        }
    }

    /** Inventory change records applied so far (a repeated idempotent request adds none). */
    public long inventoryChangesApplied() {
        synchronized (lock) {
            return inventory.changesApplied();
        }
    }

    /** Counter sales, returns and the demo generator. */
    public PosOrderBook orders() {
        return orders;
    }

    /** Webhook subscriptions and what was sent. */
    public PosWebhooks webhooks() {
        return webhooks;
    }

    /** The next {@code n} API calls are answered 500 INTERNAL_SERVER_ERROR. */
    public void failNext(int n) {
        failNext.set(n);
    }

    /** The next {@code n} API calls are answered 429 RATE_LIMITED with {@code Retry-After: seconds}. */
    public void throttleNext(int n, long seconds) {
        retryAfterSeconds.set(seconds);
        throttleNext.set(n);
    }

    /** Requests received with this method and exactly this path. */
    public long requests(String method, String path) {
        return requestLog.stream().filter(r -> r.equals(method + " " + path)).count();
    }

    @Override
    public void close() {
        webhooks.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private String now() {
        return options.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requestLog.add(exchange.getRequestMethod() + " " + path);
        try (exchange) {
            int status = 200;
            Map<String, String> headers = Map.of();
            JsonNode answer;
            try {
                answer = dispatch(exchange, path);
            } catch (PosFakeError e) {
                status = e.status();
                headers = e.headers();
                answer = e.body();
            } catch (RuntimeException e) {
                status = 500;
                answer = PosFakeError.internal().body();
            }
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = MAPPER.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode dispatch(HttpExchange exchange, String path) throws IOException {
        byte[] raw = JsonHttp.readBody(exchange);
        String method = exchange.getRequestMethod();
        if (!("Bearer " + options.accessToken()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            throw PosFakeError.unauthorized();
        }
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw PosFakeError.rateLimited(retryAfterSeconds.get());
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw PosFakeError.internal();
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        contract.validate(method, path, JsonHttp.parseQuery(exchange.getRequestURI().getRawQuery()),
                contentType == null ? null : contentType.replaceAll(";.*$", ""), text)
                .ifPresent(v -> {
                    if (v.key().endsWith("path.missing")) {
                        throw PosFakeError.notFound("No API route for " + method + " " + path + ".");
                    }
                    throw PosFakeError.invalid(code(v.key()), v.message(), v.field() == null ? null
                            : v.field().replaceFirst("^/", "").replace('/', '.'));
                });
        JsonNode body;
        try {
            body = raw.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(raw);
        } catch (IOException e) {
            throw PosFakeError.invalid("EXPECTED_JSON_BODY", "The request body is not valid JSON.", null);
        }
        synchronized (lock) {
            return api.handle(method, path, body);
        }
    }

    private static String code(String validatorKey) {
        if (validatorKey.endsWith(".required")) {
            return "MISSING_REQUIRED_PARAMETER";
        }
        if (validatorKey.endsWith(".enum")) {
            return "INVALID_ENUM_VALUE";
        }
        if (validatorKey.contains("maxItems") || validatorKey.endsWith(".maxLength")) {
            return "VALUE_TOO_LONG";
        }
        return "INVALID_VALUE";
    }
}
