package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.omnisync.sandbox.ContractValidator;
import io.omnisync.sandbox.JsonHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful in-process fake of Amazon's Selling Partner API on 127.0.0.1: Login with Amazon's token endpoint,
 * Orders v0, Listings Items 2021-08-01 and Feeds 2021-06-30 (JSON_LISTINGS_FEED) with pre-signed document URLs.
 * Every SP-API request needs a valid {@code x-amz-access-token}, takes a token of its operation's usage plan
 * (429 QuotaExceeded when none is left) and is checked against the published model; errors come in SP-API's
 * errors[] envelope, never as stack traces. Tests can inject faults (the next calls answer 500 or 429).
 */
public final class AmazonFake implements AutoCloseable {

    static final String CONTRACTS = "contracts/amazon/";
    private static final Map<String, String> MODELS = Map.of("/orders/v0/", "ordersV0.json",
            "/listings/2021-08-01/", "listingsItems_2021-08-01.json", "/feeds/2021-06-30/", "feeds_2021-06-30.json");

    private final AmazonFakeOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final FakeRoutes routes = new FakeRoutes();
    private final LwaAuthority lwa;
    private final FakeUsagePlans plans;
    private final ListingsBook listings;
    private final OrderDesk orderDesk;
    private final FeedsApi feeds;
    private final Map<String, ContractValidator> contracts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final FakeFaults faults = new FakeFaults();

    private AmazonFake(AmazonFakeOptions options, HttpServer server, ExecutorService executor) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.lwa = new LwaAuthority(options);
        this.plans = new FakeUsagePlans(options.clock());
        this.listings = new ListingsBook(options.clock());
        AmazonSeed.seed(listings);
        Map<String, FakeOrder> orders = OrdersApi.newStore();
        this.orderDesk = new OrderDesk(orders, listings, options.clock());
        MODELS.forEach((prefix, file) -> {
            plans.readContract(json(file), options.usagePlans());
            contracts.put(prefix, options.contractDir() == null ? ContractValidator.forClasspath(CONTRACTS + file, "/")
                    : ContractValidator.forFile(options.contractDir().resolve(file), "/"));
        });
        ListingsFeedProcessor processor = new ListingsFeedProcessor(json("schemas/listings-feed-schema-v2.json"), listings,
                options.sellerId());
        this.feeds = new FeedsApi(processor, executor, options.clock(), baseUrl());
        new OrdersApi(orders, options.clock(), options.orderItemsPageSize()).register(routes);
        new ListingsApi(listings, options.sellerId()).register(routes);
        feeds.register(routes);
    }

    /** Loads the contracts (cached per JVM), seeds the listings and starts serving. */
    public static AmazonFake start(AmazonFakeOptions options) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "amazon-fake-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            AmazonFake fake = new AmazonFake(options, server, executor);
            server.setExecutor(executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Amazon fake", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The LWA token endpoint URL. */
    public String tokenUrl() {
        return baseUrl() + LwaAuthority.PATH;
    }

    public AmazonFakeOptions options() {
        return options;
    }

    public ListingsBook listings() {
        return listings;
    }

    public OrderDesk orders() {
        return orderDesk;
    }

    /** Feeds created from now on stay IN_QUEUE until {@link #releaseFeeds()}, as Amazon keeps them for minutes. */
    public void holdFeeds() {
        feeds.hold();
    }

    /** Processes the held feeds. */
    public void releaseFeeds() {
        feeds.release();
    }

    /** The next {@code count} SP-API calls answer 500 InternalFailure. */
    public void failNext(int count) {
        faults.add(count, new SpApiError(500, "InternalFailure", "We encountered an internal error. Please try again.", null), null);
    }

    /** The next {@code count} SP-API calls answer 429 QuotaExceeded, with this Retry-After (null for none). */
    public void throttleNext(int count, Duration retryAfter) {
        faults.add(count, SpApiError.quotaExceeded(), retryAfter);
    }

    /** Expires every access token issued so far. */
    public void expireAccessTokens() {
        lwa.expireAll();
    }

    /** Access tokens issued so far. */
    public int logins() {
        return lwa.issued();
    }

    /** SP-API requests received for an operation (answered or not). */
    public int requests(String operationId) {
        AtomicInteger count = requests.get(operationId);
        return count == null ? 0 : count.get();
    }

    /** Requests of an operation refused with 429 because its usage plan was exhausted (injected 429s not counted). */
    public int throttled(String operationId) {
        return plans.throttled(operationId);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = readBody(exchange);
            if (path.equals(LwaAuthority.PATH) && exchange.getRequestMethod().equals("POST")) {
                Map.Entry<Integer, JsonNode> answer = lwa.token(exchange.getRequestHeaders().getFirst("Content-Type"), body);
                send(exchange, answer.getKey(), JsonHttp.phpJson(answer.getValue()), "application/json;charset=UTF-8");
            } else if (path.startsWith(FeedsApi.DOCUMENTS)) {
                String signature = JsonHttp.parseQuery(exchange.getRequestURI().getRawQuery())
                        .getOrDefault("X-Amz-Signature", List.of("")).get(0);
                Map.Entry<Integer, byte[]> answer = feeds.document(exchange.getRequestMethod(), path.substring(FeedsApi.DOCUMENTS.length()),
                        signature, exchange.getRequestHeaders().getFirst("Content-Type"), body);
                send(exchange, answer.getKey(), answer.getValue(), "application/octet-stream");
            } else {
                FakeRoutes.Reply reply = spApi(exchange, path, body);
                send(exchange, reply.status(), reply.body() == null ? new byte[0] : JsonHttp.phpJson(reply.body()), "application/json");
            }
        }
    }

    private FakeRoutes.Reply spApi(HttpExchange exchange, String path, byte[] body) {
        try {
            FakeRoutes.Match match = routes.match(exchange.getRequestMethod(), path)
                    .orElseThrow(() -> SpApiError.notFound("Resource " + path + " is not found on this server."));
            String operation = match.route().operationId();
            requests.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            SpApiError denied = lwa.check(exchange.getRequestHeaders().getFirst("x-amz-access-token"));
            if (denied != null) {
                throw denied;
            }
            Optional<FakeFaults.Fault> fault = faults.next();
            if (fault.isPresent()) {
                fault.get().retryAfter().ifPresent(d -> exchange.getResponseHeaders().set("Retry-After", String.valueOf(d.toSeconds())));
                throw fault.get().error();
            }
            if (!plans.take(operation)) {
                throw SpApiError.quotaExceeded();
            }
            Map<String, List<String>> query = JsonHttp.parseQuery(exchange.getRequestURI().getRawQuery());
            checkContract(exchange, path, query, body);
            Double rate = plans.rate(operation);
            if (rate != null) {
                exchange.getResponseHeaders().set("x-amzn-RateLimit-Limit", String.valueOf(rate));
            }
            return match.route().handler().handle(new FakeRoutes.Request(exchange.getRequestMethod(), path,
                    match.pathParams(), query, parse(body)));
        } catch (SpApiError e) {
            return new FakeRoutes.Reply(e.status(), e.body());
        } catch (RuntimeException e) {
            return new FakeRoutes.Reply(500, SpApiError.internal().body());
        }
    }

    private void checkContract(HttpExchange exchange, String path, Map<String, List<String>> query, byte[] body) {
        ContractValidator contract = MODELS.keySet().stream().filter(path::startsWith).findFirst().map(contracts::get).orElseThrow();
        contract.validate(exchange.getRequestMethod(), path, query, exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(body, StandardCharsets.UTF_8)).ifPresent(v -> {
                    throw SpApiError.invalidInput(v.message(), v.field());
                });
    }

    private JsonNode json(String file) {
        try (InputStream in = options.contractDir() == null
                ? AmazonFake.class.getClassLoader().getResourceAsStream(CONTRACTS + file)
                : Files.newInputStream(options.contractDir().resolve(file))) {
            return JsonHttp.MAPPER.readTree(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the Amazon contract " + file, e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JsonHttp.parse(body);
            return node == null ? JsonHttp.nodes().objectNode() : node;
        } catch (IOException e) {
            throw SpApiError.invalidInput("The request body is not valid JSON.", null);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        return JsonHttp.readBody(exchange);
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes, String contentType) throws IOException {
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
