package io.omnisync.connector.pos;

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
import io.omnisync.platform.outbound.TokenBucket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Square API v2 at {@code <base-url>/v2/...}: the access token as Bearer, the pinned {@code Square-Version}, one token
 * bucket, 429 waited out ({@code Retry-After} in seconds or as an HTTP-date, or backoff with jitter) and 5xx,
 * timeouts and connection failures repeated within {@code limits.max-attempts}; a call the endpoint's guard does not let
 * through (breaker open, bulkhead full) fails at once. Repeating is safe for every call this connector makes: reads, and
 * writes carrying an idempotency key derived from what they write ({@link #idempotencyKey}). Failures are
 * {@link IntegrationException}s with Square's {@code errors[]} as the message. The token is never logged.
 */
public class PosClient {

    private static final Logger LOG = LoggerFactory.getLogger(PosClient.class);

    private final PosProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final OutboundEndpoint endpoint;

    public PosClient(PosProperties properties, ObjectMapper mapper, OutboundCalls outbound) {
        this(properties, mapper, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault(), outbound);
    }

    /**
     * With the clock the bucket runs on and what waits (tests record the waits instead).
     *
     * @throws io.omnisync.platform.outbound.OutboundUrlRefusedException when base-url may not be called
     */
    public PosClient(PosProperties properties, ObjectMapper mapper, Clock clock, Sleeper sleeper, RandomGenerator random,
                     OutboundCalls outbound) {
        this.properties = properties;
        this.mapper = mapper;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = outbound.endpoint("pos", "omnisync.connector.pos.base-url", properties.getBaseUrl());
        PosLimits limits = properties.getLimits();
        this.bucket = new TokenBucket(limits.getCallsPerSecond(), limits.getBurst(), clock.instant());
        this.backoff = new Backoff(limits.getInitialBackoff(), limits.getMaxBackoff(), random);
    }

    /** A GET of {@code path} (starting with /v2, query already encoded). */
    public JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    /** A POST of a JSON body to {@code path}. */
    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body, null);
    }

    /** A GET with a read timeout of its own (health checks). */
    JsonNode get(String path, Duration timeout) {
        return send("GET", path, null, timeout);
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public PosProperties properties() {
        return properties;
    }

    /**
     * A deterministic idempotency key for a write: SHA-256 (hex, 64 characters; Square allows 128) of the operation
     * and the JSON written, so a retry of the same write reuses the key and a different write never does.
     */
    public static String idempotencyKey(String operation, JsonNode written) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(written.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private JsonNode send(String method, String path, JsonNode body, Duration timeout) {
        String what = method + " " + path.replaceAll("\\?.*$", "");
        int maxAttempts = properties.getLimits().getMaxAttempts();
        for (int attempt = 1; ; attempt++) {
            pause(bucket.reserve(clock.instant()));
            IntegrationException failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<byte[]> response = endpoint.send(http, build(method, path, body, timeout), "POS " + what);
                if (response.statusCode() / 100 == 2) {
                    return parse(response.body(), what);
                }
                failure = failure(what, response.statusCode(), lenient(response.body()));
                retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
            } catch (IntegrationException e) {
                failure = e;
            }
            boolean repeatable = failure.errorClass().transientFailure() && failure.errorClass() != ErrorClass.UNAVAILABLE;
            Optional<Duration> wait = repeatable && attempt < maxAttempts ? backoff.after(attempt, retryAfter) : Optional.empty();
            if (wait.isEmpty()) {
                throw failure.errorClass() == ErrorClass.RATE_LIMIT && retryAfter.isPresent()
                        ? new IntegrationException(ErrorClass.RATE_LIMIT, failure.getMessage(), retryAfter.get()) : failure;
            }
            LOG.info("POS {} failed ({}), attempt {} of {}; waiting {} ms", what, failure.errorClass(), attempt,
                    maxAttempts, wait.get().toMillis());
            pause(wait.get());
        }
    }

    private IntegrationException failure(String what, int status, JsonNode body) {
        String message = PosErrors.readable(body);
        String text = "POS " + what + " answered " + status + (message == null ? "" : ": " + message);
        if (status == 401 || status == 403) {
            return new IntegrationException(ErrorClass.VALUE, text + ". The access token was refused or lacks a "
                    + "permission: check omnisync.connector.pos.access-token (revoked, expired, or missing the "
                    + "INVENTORY/ITEMS/ORDERS/MERCHANT_PROFILE scopes)");
        }
        return new IntegrationException(PosErrors.classify(status), text);
    }

    private HttpRequest build(String method, String path, JsonNode body, Duration timeout) {
        String base = properties.getBaseUrl().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout == null ? properties.getReadTimeout() : timeout)
                .header("Authorization", "Bearer " + properties.getAccessToken())
                .header("Square-Version", properties.getSquareVersion())
                .header("Accept", "application/json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode parse(byte[] body, String what) {
        try {
            return body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorClass.PARSE, "POS " + what + " answered something that is not JSON", e);
        }
    }

    private JsonNode lenient(byte[] body) {
        try {
            return body.length == 0 ? mapper.nullNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.nullNode();
        }
    }

    private void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorClass.INTERMITTENT, "interrupted while waiting for the POS's rate limit", e);
        }
    }
}
