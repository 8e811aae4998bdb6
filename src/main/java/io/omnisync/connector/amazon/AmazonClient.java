package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Selling Partner API calls at {@code <endpoint>/...} with a Login with Amazon access token in
 * {@code x-amz-access-token} (no SigV4: SP-API stopped requiring it in 2023). Each call first takes a token of
 * its operation's usage plan; a 429 blocks the operation for the time Amazon asks (Retry-After) or one period
 * of its rate, and the call is sent again at most {@code rate-limit-retries} times. An access token refused as
 * expired is renewed once. Failures are {@link IntegrationException}s: 429 RATE_LIMIT, 5xx and timeouts
 * INTERMITTENT, unreachable CONNECTION, 404 MISSING, other 4xx VALUE, with SP-API's errors[] as the message. SP-API,
 * Login with Amazon and the pre-signed document URLs are three outbound endpoints, each with its own guard (URL
 * policy, bulkhead, circuit breaker); a 429 beyond the retries fails as RATE_LIMIT carrying Amazon's Retry-After.
 */
public class AmazonClient {

    private final AmazonProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final LwaTokens tokens;
    private final UsagePlans usagePlans;
    private final Sleeper sleeper;
    private final Clock clock;
    private final OutboundEndpoint api;
    private final OutboundEndpoint documents;

    /**
     * A client of the configured endpoint.
     *
     * @throws io.omnisync.platform.outbound.OutboundUrlRefusedException when endpoint or lwa-endpoint may not be called
     */
    public AmazonClient(AmazonProperties properties, ObjectMapper mapper, Clock clock, Sleeper sleeper, OutboundCalls outbound) {
        this.properties = properties;
        this.mapper = mapper;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.api = outbound.endpoint("amazon", "omnisync.connector.amazon.endpoint", properties.getEndpoint());
        this.documents = outbound.endpoint("amazon-documents");
        this.tokens = new LwaTokens(properties, http, mapper, clock, outbound.endpoint("amazon-lwa",
                "omnisync.connector.amazon.lwa-endpoint", properties.getLwaEndpoint()));
        this.usagePlans = new UsagePlans(properties, clock, sleeper);
    }

    /**
     * Calls one operation.
     *
     * @param path  the path below the endpoint with its segments encoded (see {@link #segment})
     * @param query query parameters in order, not yet encoded; list values are joined with commas before
     * @param body  JSON body or null
     * @return the answer's JSON (a null node for 204)
     */
    public JsonNode call(SpApiOperation operation, String method, String path, Map<String, String> query, JsonNode body) {
        String what = operation.operationId() + " (" + method + " " + path + ")";
        URI uri = URI.create(properties.getEndpoint().replaceAll("/+$", "") + path + queryString(query));
        boolean renewedToken = false;
        int rateLimited = 0;
        while (true) {
            usagePlans.acquire(operation);
            String token = tokens.current();
            HttpResponse<byte[]> response = send(request(method, uri, token, body), what);
            int status = response.statusCode();
            // an error page of a proxy (HTML) keeps its status's class instead of becoming PARSE
            JsonNode answer = status / 100 == 2 ? readBody(response.body()) : lenient(response.body());
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
            if (status == 429 && rateLimited < properties.getRateLimitRetries()) {
                usagePlans.blockFor(operation, retryAfter.orElse(backoff(operation, rateLimited)));
                rateLimited++;
                continue;
            }
            if (!renewedToken && AmazonErrors.expiredToken(status, answer)) {
                tokens.refused(token);
                renewedToken = true;
                continue;
            }
            response.headers().firstValue("x-amzn-RateLimit-Limit").flatMap(AmazonClient::number)
                    .ifPresent(rate -> usagePlans.retune(operation, rate));
            if (status / 100 != 2) {
                throw failure(status, answer, what, response, retryAfter);
            }
            return answer;
        }
    }

    /** PUTs a document to a pre-signed URL Amazon returned (no access token: the URL itself authorises). */
    public void upload(URI url, String contentType, byte[] document) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.getReadTimeout())
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(document)).build();
        HttpResponse<byte[]> response = documents.send(http, request, "Amazon feed document upload");
        if (response.statusCode() / 100 != 2) {
            throw new IntegrationException(AmazonErrors.classify(response.statusCode()),
                    "Amazon feed document upload answered " + response.statusCode());
        }
    }

    /** GETs a document from a pre-signed URL Amazon returned. */
    public byte[] download(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.getReadTimeout()).GET().build();
        HttpResponse<byte[]> response = documents.send(http, request, "Amazon document download");
        if (response.statusCode() / 100 != 2) {
            throw new IntegrationException(AmazonErrors.classify(response.statusCode()),
                    "Amazon document download answered " + response.statusCode());
        }
        return response.body();
    }

    private IntegrationException failure(int status, JsonNode answer, String what, HttpResponse<byte[]> response,
                                         Optional<Duration> retryAfter) {
        String message = AmazonErrors.readable(answer);
        String text = "Amazon " + what + " answered " + status + (message == null ? "" : ": " + message);
        if (status == 403) {
            text += "; check omnisync.connector.amazon.client-id, client-secret and refresh-token, and that the seller "
                    + "authorised the application with the role this API needs";
        }
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
        String described = requestId == null ? text : text + " [request " + requestId + "]";
        return status == 429 ? new IntegrationException(ErrorClass.RATE_LIMIT, described, retryAfter.orElse(null))
                : new IntegrationException(AmazonErrors.classify(status), described);
    }

    /** Without Retry-After (Amazon's usual 429): one period of the operation's rate, doubled per retry. */
    private Duration backoff(SpApiOperation operation, int retry) {
        double seconds = (1 / usagePlans.rate(operation)) * (1L << retry);
        return Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    private static Optional<Double> number(String value) {
        try {
            return Optional.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private HttpRequest request(String method, URI uri, String token, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.getReadTimeout())
                .header("Accept", "application/json").header("x-amz-access-token", token)
                .header("User-Agent", "omnisync/1.0 (Language=Java)");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        return api.send(http, request, "Amazon " + what);
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
            throw new IntegrationException(ErrorClass.PARSE, "Amazon answered something that is not JSON", e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Encodes one path segment, e.g. a SKU with spaces or slashes. */
    public static String segment(String value) {
        return encode(value);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public AmazonProperties properties() {
        return properties;
    }

    public LwaTokens tokens() {
        return tokens;
    }

    public UsagePlans usagePlans() {
        return usagePlans;
    }

    /** The sleeper waits (usage plans, feed polling) go through. */
    public Sleeper sleeper() {
        return sleeper;
    }
}
