package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.outbound.Backoff;
import io.omnisync.platform.outbound.OutboundCalls;
import io.omnisync.platform.outbound.OutboundEndpoint;
import io.omnisync.platform.outbound.RetryAfter;
import io.omnisync.platform.outbound.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magento's REST API at {@code <base-url>/rest/<store_code>/V1/...}, authorised with OAuth 1.0a integration
 * signatures (default) or a Bearer token (opt-in). Failures come out as
 * {@link IntegrationException}s with Magento's message filled in and an error class: timeouts, 429 and 5xx
 * transient, other 4xx permanent. Every request goes through the endpoint's guard (URL policy, bulkhead, circuit
 * breaker). A 429 is waited out inside the call for Magento's {@code Retry-After} (seconds or HTTP-date; a backoff with
 * jitter when there is none) at most {@code rate-limit-retries} times; a longer Retry-After fails the call as RATE_LIMIT
 * carrying it, so the bus waits at least that long. 5xx and timeouts are not repeated here (a POST or PUT such as
 * placing an order may have worked): the bus retries the route, whose sinks read before they write.
 */
public class MagentoClient {

    private static final Logger LOG = LoggerFactory.getLogger(MagentoClient.class);

    private final MagentoProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final OAuth1Signer signer;
    private final MagentoAdminToken adminToken;
    private final OutboundEndpoint endpoint;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;

    public MagentoClient(MagentoProperties properties, ObjectMapper mapper, OutboundCalls outbound) {
        this(properties, mapper, outbound, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    /**
     * With the clock Retry-After dates are read by and what waits (tests record the waits instead).
     *
     * @throws io.omnisync.platform.outbound.OutboundUrlRefusedException when the base URL may not be called
     */
    public MagentoClient(MagentoProperties properties, ObjectMapper mapper, OutboundCalls outbound, Clock clock,
                         Sleeper sleeper, RandomGenerator random) {
        this.properties = properties;
        this.mapper = mapper;
        this.endpoint = outbound.endpoint("magento", "omnisync.connector.magento.base-url", properties.getBaseUrl());
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = new Backoff(Duration.ofSeconds(1), properties.getMaxRateLimitWait(), random);
        this.signer = properties.getAuthMode() == MagentoProperties.AuthMode.OAUTH
                ? new OAuth1Signer(properties.getConsumerKey(), properties.getConsumerSecret(), properties.getAccessToken(),
                        properties.getAccessTokenSecret(), Clock.systemUTC())
                : null;
        this.adminToken = properties.getAuthMode() == MagentoProperties.AuthMode.ADMIN_TOKEN
                ? new MagentoAdminToken(this::signIn, properties.getAdminTokenLifetime(), Clock.systemUTC())
                : null;
        this.http = HttpClient.newBuilder().connectTimeout(properties.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET a resource of the default store code; {@code path} starts with /V1/ and has its segments encoded. */
    public JsonNode get(String path) {
        return get(properties.getStoreCode(), path, properties.getReadTimeout());
    }

    /** GET with a store code and a timeout of its own (health checks use a short one). */
    public JsonNode get(String storeCode, String path, Duration timeout) {
        return call("GET", storeCode, path, timeout, null);
    }

    /** POST a JSON body to a resource of a store code. */
    public JsonNode post(String storeCode, String path, JsonNode body) {
        return call("POST", storeCode, path, properties.getReadTimeout(), body);
    }

    /** PUT a JSON body to a resource of a store code. */
    public JsonNode put(String storeCode, String path, JsonNode body) {
        return call("PUT", storeCode, path, properties.getReadTimeout(), body);
    }

    /** GET a resource of a store code with the configured read timeout. */
    public JsonNode get(String storeCode, String path) {
        return get(storeCode, path, properties.getReadTimeout());
    }

    /** The JSON factory requests are built with. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The configured default store code. */
    public String storeCode() {
        return properties.getStoreCode();
    }

    /**
     * Sends the request; in admin-token mode a 401 drops the token and the request is sent once more; a 429 is waited
     * out (a request Magento answered 429 was not processed, so any method may be sent again).
     */
    private JsonNode call(String method, String storeCode, String path, Duration timeout, JsonNode body) {
        String what = method + " " + path.replaceAll("\\?.*$", "");
        boolean signedInAgain = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = request(method, storeCode, path, timeout, body);
            HttpResponse<byte[]> response = execute(request, what);
            if (response.statusCode() == 401 && adminToken != null && !signedInAgain) {
                signedInAgain = true;
                request.headers().firstValue("Authorization").ifPresent(h -> adminToken.refused(h.substring("Bearer ".length())));
                attempt--;
                continue;
            }
            if (response.statusCode() == 429) {
                waitOrFail(response, what, attempt);
                continue;
            }
            return read(response, what);
        }
    }

    /** Sleeps the wait Magento asked for before another attempt, or throws RATE_LIMIT carrying it. */
    private void waitOrFail(HttpResponse<byte[]> response, String what, int attempt) {
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
        Optional<Duration> wait = attempt > properties.getRateLimitRetries() ? Optional.empty()
                : backoff.after(attempt, retryAfter);
        if (wait.isEmpty()) {
            String message = MagentoErrors.readable(lenient(response.body()));
            throw new IntegrationException(ErrorClass.RATE_LIMIT, "Magento " + what + " answered 429"
                    + (message == null ? "" : ": " + message) + retryAfter.map(d -> " (Retry-After " + d.toSeconds() + "s)")
                    .orElse(""), retryAfter.orElse(null));
        }
        LOG.info("Magento {} answered 429, attempt {} of {}; waiting {} ms", what, attempt,
                properties.getRateLimitRetries() + 1, wait.get().toMillis());
        try {
            sleeper.sleep(wait.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorClass.INTERMITTENT, "interrupted while waiting for Magento's rate limit", e);
        }
    }

    /** POST /V1/integration/admin/token: the admin token for the configured user. */
    private String signIn() {
        ObjectNode credentials = mapper.createObjectNode().put("username", properties.getAdminUsername())
                .put("password", properties.getAdminPassword());
        String path = "/V1/integration/admin/token";
        HttpRequest request = builder("POST", properties.getStoreCode(), path, properties.getReadTimeout(), credentials).build();
        return read(execute(request, "POST " + path), "POST " + path).asText();
    }

    /**
     * POSTs an array input in chunks of omnisync.connector.magento.array-chunk-size items (Magento refuses more
     * than 20 by default: "Maximum items of type ... is 20"), e.g. {@code {"sourceItems": [...]}}.
     *
     * @return one answer per chunk, in order
     */
    public List<JsonNode> postInChunks(String storeCode, String path, String arrayField, List<? extends JsonNode> items) {
        int size = properties.getArrayChunkSize();
        List<JsonNode> answers = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            ObjectNode body = mapper.createObjectNode();
            body.putArray(arrayField).addAll(items.subList(from, Math.min(items.size(), from + size)));
            answers.add(post(storeCode, path, body));
        }
        return answers;
    }

    /** An authorised request: OAuth signature, admin token or bearer token, by auth-mode. */
    private HttpRequest request(String method, String storeCode, String path, Duration timeout, JsonNode body) {
        HttpRequest.Builder request = builder(method, storeCode, path, timeout, body);
        if (signer != null) {
            request.header("Authorization", signer.authorization(method, uri(storeCode, path)));
        } else if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken.current());
        } else if (properties.getAccessToken() != null && !properties.getAccessToken().isBlank()) {
            request.header("Authorization", "Bearer " + properties.getAccessToken());
        }
        return request.build();
    }

    private HttpRequest.Builder builder(String method, String storeCode, String path, Duration timeout, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(storeCode, path)).timeout(timeout)
                .header("Accept", "application/json");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpResponse<byte[]> execute(HttpRequest request, String what) {
        return endpoint.send(http, request, "Magento " + what);
    }

    private JsonNode read(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() / 100 != 2) {
            // an error page of a proxy or load balancer (HTML) must keep the status's class, not become PARSE
            String message = MagentoErrors.readable(lenient(response.body()));
            throw new IntegrationException(MagentoErrors.classify(response.statusCode()), "Magento " + what
                    + " answered " + response.statusCode() + (message == null ? "" : ": " + message));
        }
        return readBody(response.body());
    }

    private JsonNode lenient(byte[] body) {
        try {
            return readBody(body);
        } catch (IntegrationException notJson) {
            return mapper.nullNode();
        }
    }

    private JsonNode readBody(byte[] body) {
        if (body.length == 0) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorClass.PARSE, "Magento answered something that is not JSON", e);
        }
    }

    private URI uri(String storeCode, String path) {
        String base = properties.getBaseUrl().replaceAll("/+$", "");
        return URI.create(base + "/rest/" + storeCode + path);
    }

    /** The configured read timeout. */
    public Duration readTimeout() {
        return properties.getReadTimeout();
    }

    /** Encodes one path segment, e.g. a SKU with spaces or slashes. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
