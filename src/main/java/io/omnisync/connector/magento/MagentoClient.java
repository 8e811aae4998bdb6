package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Magento's REST API at {@code <base-url>/rest/<store_code>/V1/...}, authorised with OAuth 1.0a integration
 * signatures (default) or a Bearer token (opt-in). Failures come out as
 * {@link IntegrationException}s with Magento's message filled in and an error class: timeouts, 429 and 5xx
 * transient, other 4xx permanent.
 */
public class MagentoClient {

    private final MagentoProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final OAuth1Signer signer;

    public MagentoClient(MagentoProperties properties, ObjectMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
        this.signer = properties.getAuthMode() == MagentoProperties.AuthMode.OAUTH
                ? new OAuth1Signer(properties.getConsumerKey(), properties.getConsumerSecret(), properties.getAccessToken(),
                        properties.getAccessTokenSecret(), Clock.systemUTC())
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
        return send(request("GET", storeCode, path, timeout).GET().build(), "GET " + path);
    }

    /** POST a JSON body to a resource of a store code. */
    public JsonNode post(String storeCode, String path, JsonNode body) {
        return send(request("POST", storeCode, path, properties.getReadTimeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), "POST " + path);
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

    private HttpRequest.Builder request(String method, String storeCode, String path, Duration timeout) {
        URI uri = uri(storeCode, path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (signer != null) {
            request.header("Authorization", signer.authorization(method, uri));
        } else if (properties.getAccessToken() != null && !properties.getAccessToken().isBlank()) {
            request.header("Authorization", "Bearer " + properties.getAccessToken());
        }
        return request;
    }

    private JsonNode send(HttpRequest request, String what) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(ErrorClass.INTERMITTENT, "Magento " + what + " timed out", e);
        } catch (IOException e) {
            throw new IntegrationException(ErrorClass.CONNECTION, "Magento " + what + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorClass.INTERMITTENT, "Magento " + what + " was interrupted", e);
        }
        JsonNode body = readBody(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = MagentoErrors.readable(body);
            throw new IntegrationException(MagentoErrors.classify(response.statusCode()), "Magento " + what
                    + " answered " + response.statusCode() + (message == null ? "" : ": " + message));
        }
        return body;
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
