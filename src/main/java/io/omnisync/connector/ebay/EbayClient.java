package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eBay's Sell REST APIs at {@code <api-base-url><api base path><path>}: a user access token as Bearer (refreshed
 * before expiry, and once more when eBay answers 401), a token bucket per API, 429 waited out ({@code Retry-After}
 * or backoff with jitter, within {@code limits.max-attempts}), 5xx and timeouts retried only for requests that are
 * safe to repeat. Failures are {@link IntegrationException}s with eBay's {@code errors[]} turned into a message. The
 * APIs and the token endpoint are two outbound endpoints, each with its own guard (URL policy, bulkhead, breaker).
 */
public class EbayClient {

    private static final Logger LOG = LoggerFactory.getLogger(EbayClient.class);

    private final EbayProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final EbayUserToken token;
    private final Map<EbayApi, TokenBucket> buckets = new EnumMap<>(EbayApi.class);
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final OutboundEndpoint endpoint;

    public EbayClient(EbayProperties properties, ObjectMapper mapper, OutboundCalls outbound) {
        this(properties, mapper, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault(), outbound);
    }

    /**
     * With the clock the token expiry and the buckets run on, and what waits (tests pass a test clock's).
     *
     * @throws io.omnisync.platform.outbound.OutboundUrlRefusedException when api-base-url or token-url may not be called
     */
    public EbayClient(EbayProperties properties, ObjectMapper mapper, Clock clock, Sleeper sleeper, RandomGenerator random,
                      OutboundCalls outbound) {
        this.properties = properties;
        this.mapper = mapper;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = outbound.endpoint("ebay", "omnisync.connector.ebay.api-base-url", properties.getApiBaseUrl());
        this.token = new EbayUserToken(properties, http, mapper, clock, outbound.endpoint("ebay-token",
                "omnisync.connector.ebay.token-url", properties.getTokenUrl()));
        EbayLimits limits = properties.getLimits();
        buckets.put(EbayApi.INVENTORY, new TokenBucket(limits.getInventoryCallsPerSecond(), limits.getBurst(), clock.instant()));
        buckets.put(EbayApi.FULFILLMENT, new TokenBucket(limits.getFulfillmentCallsPerSecond(), limits.getBurst(), clock.instant()));
        this.backoff = new Backoff(limits.getInitialBackoff(), limits.getMaxBackoff(), random);
    }

    /** Sends a request and returns its 2xx answer, or throws an {@link IntegrationException}. */
    public EbayResponse send(EbayRequest request) {
        int maxAttempts = properties.getLimits().getMaxAttempts();
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            wait(buckets.get(request.api()).reserve(clock.instant()));
            String bearer = token.current();
            HttpResponse<byte[]> response;
            try {
                response = execute(build(request, bearer), request);
            } catch (IntegrationException e) {
                if (!retry(request, attempt, maxAttempts, e.errorClass(), Optional.empty())) {
                    throw e;
                }
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new EbayResponse(status, response.headers(), parse(response.body(), request));
            }
            if (status == 401 && !refreshed) {
                refreshed = true;
                token.refused(bearer);
                attempt--;
                continue;
            }
            IntegrationException failure = failure(request, status, lenient(response.body()));
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
            if (!retry(request, attempt, maxAttempts, failure.errorClass(), retryAfter)) {
                throw failure.errorClass() == ErrorClass.RATE_LIMIT && retryAfter.isPresent()
                        ? new IntegrationException(ErrorClass.RATE_LIMIT, failure.getMessage(), retryAfter.get()) : failure;
            }
        }
    }

    /** Sends a request and returns the JSON of its answer. */
    public JsonNode call(EbayRequest request) {
        return send(request).body();
    }

    /** The JSON factory requests are built with. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The connector's configuration. */
    public EbayProperties properties() {
        return properties;
    }

    /** How many access tokens were obtained so far. */
    public int tokenRefreshes() {
        return token.refreshes();
    }

    /** Waits before another attempt when the failure allows one; false when the call has to fail. */
    private boolean retry(EbayRequest request, int attempt, int maxAttempts, ErrorClass errorClass,
                          Optional<Duration> retryAfter) {
        boolean retryable = errorClass == ErrorClass.RATE_LIMIT
                || (request.idempotent() && (errorClass == ErrorClass.INTERMITTENT || errorClass == ErrorClass.CONNECTION));
        if (!retryable || attempt >= maxAttempts) {
            return false;
        }
        Optional<Duration> wait = backoff.after(attempt, retryAfter);
        if (wait.isEmpty()) {
            return false;
        }
        LOG.info("eBay {} failed ({}), attempt {} of {}; waiting {} ms", request.describe(), errorClass, attempt,
                maxAttempts, wait.get().toMillis());
        wait(wait.get());
        return true;
    }

    private IntegrationException failure(EbayRequest request, int status, JsonNode body) {
        String message = EbayErrors.readable(body);
        String what = "eBay " + request.describe() + " answered " + status + (message == null ? "" : ": " + message);
        if (status == 401) {
            return new IntegrationException(ErrorClass.VALUE, what + ". A freshly refreshed access token was refused: "
                    + "check omnisync.connector.ebay.refresh-token (the seller's consent may have been revoked) and "
                    + "omnisync.connector.ebay.scopes");
        }
        return new IntegrationException(EbayErrors.classify(status), what);
    }

    private HttpRequest build(EbayRequest request, String bearer) {
        String base = properties.getApiBaseUrl().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.api().basePath() + request.path()))
                .timeout(request.timeout() == null ? properties.getReadTimeout() : request.timeout())
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        request.headers().forEach(builder::header);
        if (request.body() == null) {
            return builder.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body().toString())).build();
    }

    private HttpResponse<byte[]> execute(HttpRequest httpRequest, EbayRequest request) {
        return endpoint.send(http, httpRequest, "eBay " + request.describe());
    }

    private JsonNode parse(byte[] body, EbayRequest request) {
        if (body.length == 0) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorClass.PARSE, "eBay " + request.describe() + " answered something that is not JSON", e);
        }
    }

    /** An error body: eBay's envelope when it is JSON, nothing when a proxy answered HTML. */
    private JsonNode lenient(byte[] body) {
        try {
            return body.length == 0 ? mapper.nullNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.nullNode();
        }
    }

    private void wait(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorClass.INTERMITTENT, "interrupted while waiting for eBay's rate limit", e);
        }
    }
}
