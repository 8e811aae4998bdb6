package io.omnisync.sandbox.ebay;

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
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful in-process fake of eBay's Sell Inventory and Fulfillment APIs and the OAuth token endpoint on
 * 127.0.0.1. API calls need a live user token with the API's scope, pass the injected faults and the per-API
 * quota, and are checked against the published OpenAPI 3 contract; every error is eBay's {@code errors[]}
 * envelope (OAuth errors on the token endpoint), never a stack trace.
 */
public final class EbayFake implements AutoCloseable {

    static final String INVENTORY_CONTRACT = "contracts/ebay/sell_inventory_v1_oas3.json";
    static final String FULFILLMENT_CONTRACT = "contracts/ebay/sell_fulfillment_v1_oas3.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EbayFakeOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final EbayOAuth oauth;
    private final EbayTraffic traffic;
    private final EbayListings listings = new EbayListings();
    private final EbayOrders orders;
    private final EbayApiDispatcher inventory;
    private final EbayApiDispatcher fulfillment;
    private final Queue<String> requestLog = new ConcurrentLinkedQueue<>();

    private EbayFake(EbayFakeOptions options, HttpServer server, ExecutorService executor) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.oauth = new EbayOAuth(options);
        this.traffic = new EbayTraffic(options.clock(), options.callsPerWindow(), options.quotaWindow());
        this.orders = new EbayOrders(listings, options.clock());
        EbayFakeSeed.seed(listings);
        EbayRoutes inventoryRoutes = new EbayRoutes();
        new EbayInventoryApi(listings).register(inventoryRoutes);
        EbayRoutes fulfillmentRoutes = new EbayRoutes();
        new EbayFulfillmentApi(orders, new EbayOrderChanges(orders, options.clock(), this::baseUrl)).register(fulfillmentRoutes);
        this.inventory = new EbayApiDispatcher("/sell/inventory/v1", EbayInventoryApi.DOMAIN,
                EbayOAuth.SCOPE_BASE + "/sell.inventory", inventoryRoutes, contract(INVENTORY_CONTRACT, "/sell/inventory/v1"));
        this.fulfillment = new EbayApiDispatcher("/sell/fulfillment/v1", EbayFulfillmentApi.DOMAIN,
                EbayOAuth.SCOPE_BASE + "/sell.fulfillment", fulfillmentRoutes,
                contract(FULFILLMENT_CONTRACT, "/sell/fulfillment/v1"));
    }

    /** Loads the contracts (cached per JVM), seeds the listings and starts serving. */
    public static EbayFake start(EbayFakeOptions options) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ebay-fake-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            EbayFake fake = new EbayFake(options, server, executor);
            server.setExecutor(executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the eBay fake", e);
        }
    }

    private ContractValidator contract(String resource, String basePath) {
        return options.contractDir() == null ? ContractValidator.forClasspath(resource, basePath)
                : ContractValidator.forFile(options.contractDir().resolve(resource.substring(resource.lastIndexOf('/') + 1)), basePath);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The OAuth token endpoint's URL. */
    public String tokenUrl() {
        return baseUrl() + EbayOAuth.PATH;
    }

    public EbayFakeOptions options() {
        return options;
    }

    /** Inventory items and offers. */
    public EbayListings listings() {
        return listings;
    }

    /** Orders, with {@code placeOrder} and the demo generator. */
    public EbayOrders orders() {
        return orders;
    }

    /** Fault injection and the quota. */
    public EbayTraffic traffic() {
        return traffic;
    }

    /** Expires every access token now, as eBay does after their lifetime or a revocation. */
    public void expireTokens() {
        oauth.expireAll();
    }

    /** Access tokens issued so far. */
    public int tokensIssued() {
        return oauth.issued();
    }

    /** Requests received with this method and a path containing {@code pathPart}. */
    public long requests(String method, String pathPart) {
        return requestLog.stream().filter(r -> r.startsWith(method + " ") && r.contains(pathPart)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requestLog.add(exchange.getRequestMethod() + " " + path);
        try (exchange) {
            EbayRoutes.Reply reply;
            try {
                reply = dispatch(exchange, path);
            } catch (EbayFakeError e) {
                reply = new EbayRoutes.Reply(e.status(), e.body(), e.headers());
            } catch (RuntimeException e) {
                reply = EbayRoutes.Reply.of(500, EbayFakeError.internal("API").body());
            }
            send(exchange, reply);
        }
    }

    private EbayRoutes.Reply dispatch(HttpExchange exchange, String path) throws IOException {
        byte[] body = JsonHttp.readBody(exchange);
        String method = exchange.getRequestMethod();
        if (path.equals(EbayOAuth.PATH) && method.equals("POST")) {
            return oauth.token(exchange.getRequestHeaders().getFirst("Authorization"),
                    JsonHttp.parseQuery(new String(body, StandardCharsets.UTF_8)));
        }
        EbayApiDispatcher api = path.startsWith("/sell/inventory/v1/") ? inventory
                : path.startsWith("/sell/fulfillment/v1/") ? fulfillment : null;
        if (api == null) {
            throw EbayFakeError.of(404, EbayFakeError.error(2002, "ACCESS", "REQUEST", "Resource not found",
                    "The requested resource does not exist: " + path));
        }
        oauth.authorize(exchange.getRequestHeaders().getFirst("Authorization"), api.scope());
        traffic.admit(api.domain());
        Map<String, List<String>> query = JsonHttp.parseQuery(exchange.getRequestURI().getRawQuery());
        return api.dispatch(method, path, query, exchange.getRequestHeaders(), body);
    }

    private static void send(HttpExchange exchange, EbayRoutes.Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = MAPPER.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static JsonNode parse(byte[] body, String domain) {
        try {
            return JsonHttp.parse(body);
        } catch (IOException e) {
            throw EbayFakeError.badRequest(2004, domain, "Invalid request. The request body is not valid JSON.");
        }
    }
}
