package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.omnisync.sandbox.ContractValidator;
import io.omnisync.sandbox.JsonHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful in-process fake of Magento 2.4.8 Open Source with MSI, serving {@code /rest/<store_code>/V1/...}
 * on 127.0.0.1. Every request is checked against the published admin REST contract; violations, unknown routes
 * and failures are answered with Magento's error envelope, never a stack trace.
 */
public final class MagentoFake implements AutoCloseable {

    static final String CONTRACT_RESOURCE = "contracts/magento/admin-schema-2.4.8.yaml";
    private static final Pattern REST_PATH = Pattern.compile("/rest(?:/([^/]+))?(/V1/.*)");

    private final java.util.Queue<String> requestLog = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final MagentoFakeOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final WebhookEmitter webhooks;
    private final AdobeCommerceHooks adobeCommerceHooks = new AdobeCommerceHooks();
    private final MagentoStore store;
    private final Router router = new Router();
    private final MagentoAuth auth;
    private final AdminTokens adminTokens;
    private final ContractValidator contract;
    private volatile boolean maintenance;

    private MagentoFake(MagentoFakeOptions options, HttpServer server, ExecutorService executor) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.webhooks = new WebhookEmitter();
        webhooks.addListener(adobeCommerceHooks::onChange);
        this.store = MagentoSeed.create(webhooks, Clock.systemUTC());
        adobeCommerceHooks.lookUpOrdersWith(store::order);
        this.adminTokens = options.admin() == null ? null : new AdminTokens(options.admin(), Clock.systemUTC());
        this.auth = adminTokens != null ? adminTokens : MagentoAuth.of(options);
        this.contract = options.contractFile() == null
                ? ContractValidator.forClasspath(CONTRACT_RESOURCE, "/rest/default")
                : ContractValidator.forFile(options.contractFile(), "/rest/default");
        new StoreApi(store, webhooks).register(router);
        new CatalogApi(store, options).register(router);
        new InventoryApi(store, options).register(router);
        new OrderApi(store, options).register(router);
        new CartApi(store, options).register(router);
        if (adminTokens != null) {
            router.post(AdminTokens.PATH, r -> adminTokens.issue(r.body().path("username").asText(null),
                    r.body().path("password").asText(null)));
        }
    }

    /** Loads the contract (cached per JVM), seeds the shop and starts serving. */
    public static MagentoFake start(MagentoFakeOptions options) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "magento-fake-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            MagentoFake fake = new MagentoFake(options, server, executor);
            server.setExecutor(executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Magento fake", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public MagentoFakeOptions options() {
        return options;
    }

    /** Adds an async-events subscription (as {@code POST /V1/async_event} does). */
    public void subscribe(String eventName, String recipientUrl, String verificationToken) {
        webhooks.subscribe(eventName, recipientUrl, verificationToken);
    }

    /** The Adobe Commerce Webhooks the fake calls (webhooks.xml hooks), signed with its key pair. */
    public AdobeCommerceHooks adobeCommerceHooks() {
        return adobeCommerceHooks;
    }

    public MagentoStore store() {
        return store;
    }

    public WebhookEmitter webhooks() {
        return webhooks;
    }

    /**
     * Maintenance mode ({@code bin/magento maintenance:enable}): while on, every request is answered 503, as Magento
     * answers a shop that is being upgraded; the store keeps its state for when it is switched off.
     */
    public void maintenance(boolean on) {
        maintenance = on;
    }

    /** How many REST requests the fake has received with this method and a path containing {@code pathPart}. */
    public long requests(String method, String pathPart) {
        return requestLog.stream().filter(r -> r.startsWith(method + " ") && r.contains(pathPart)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        webhooks.close();
        adobeCommerceHooks.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requestLog.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        try (exchange) {
            Object result;
            int status = 200;
            try {
                result = dispatch(exchange);
            } catch (MagentoError e) {
                status = e.status();
                result = e.body();
            } catch (RuntimeException e) {
                status = 500;
                result = new MagentoError(500, "Internal Error. Details are available in Magento log file. "
                        + "Report ID: webapi-" + UUID.randomUUID().toString().replace("-", "").substring(0, 13))
                        .body();
            }
            JsonHttp.send(exchange, status, result);
        }
    }

    private Object dispatch(HttpExchange exchange) throws IOException {
        if (maintenance) {
            throw new MagentoError(503, "Service Unavailable: the store is in maintenance mode.");
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Matcher m = REST_PATH.matcher(rawPath);
        if (!m.matches()) {
            throw MagentoError.routeNotFound();
        }
        String storeCode = m.group(1) == null ? "default" : m.group(1);
        Router.Match match = router.match(method, m.group(2)).orElseThrow(MagentoError::routeNotFound);
        boolean signIn = adminTokens != null && AdminTokens.PATH.equals(m.group(2));
        if (!signIn && !auth.isAuthorized(method, baseUrl() + exchange.getRequestURI(), exchange.getRequestHeaders())) {
            throw MagentoError.unauthorized();
        }
        store.storeView(storeCode);
        byte[] body = JsonHttp.readBody(exchange);
        Map<String, List<String>> query = JsonHttp.parseQuery(exchange.getRequestURI().getRawQuery());
        if (match.route().inContract()) {
            checkContract(exchange, method, m.group(2), query, body);
        }
        return match.route().handler().handle(new Router.Request(method, storeCode, m.group(2),
                match.pathParams(), query, parseJson(body)));
    }

    private void checkContract(HttpExchange exchange, String method, String path, Map<String, List<String>> query,
                               byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Optional<ContractValidator.Violation> violation = contract.validate(method, "/rest/default" + path, query,
                contentType, new String(body, StandardCharsets.UTF_8));
        violation.ifPresent(v -> {
            throw contractViolation(v);
        });
    }

    /** Magento-style 400 naming the offending field, e.g. {@code sourceItems[0].quantity}. */
    static MagentoError contractViolation(ContractValidator.Violation v) {
        String field = v.field() == null ? null : v.field().replaceAll("^/", "")
                .replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
        String message = field == null || field.isEmpty()
                ? "Error occurred during request processing. " + v.message()
                : "Error occurred during \"" + field + "\" processing. " + v.message();
        return MagentoError.badRequest(message);
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            return JsonHttp.parse(body);
        } catch (IOException e) {
            throw MagentoError.badRequest("Decoding error: \nSyntax error");
        }
    }
}
