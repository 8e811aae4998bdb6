package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to an eBay API.
 *
 * @param api        which API (base path and rate-limit bucket)
 * @param method     HTTP method
 * @param path       path after the API's base path, segments and query already encoded, e.g. {@code /offer?sku=A}
 * @param body       JSON body, or null
 * @param headers    extra headers such as {@code Content-Language}
 * @param idempotent whether a 5xx or a timeout may be retried in the client (a repeat has the same effect)
 * @param timeout    read timeout, or null for the configured one
 */
public record EbayRequest(EbayApi api, String method, String path, JsonNode body, Map<String, String> headers,
                          boolean idempotent, Duration timeout) {

    public EbayRequest {
        headers = Map.copyOf(headers);
    }

    /** A GET, safe to repeat. */
    public static EbayRequest get(EbayApi api, String path) {
        return new EbayRequest(api, "GET", path, null, Map.of(), true, null);
    }

    /** A PUT of a whole resource, safe to repeat. */
    public static EbayRequest put(EbayApi api, String path, JsonNode body) {
        return new EbayRequest(api, "PUT", path, body, Map.of(), true, null);
    }

    /** A POST that creates something: not repeated after a 5xx or timeout, since the first may have worked. */
    public static EbayRequest post(EbayApi api, String path, JsonNode body) {
        return new EbayRequest(api, "POST", path, body, Map.of(), false, null);
    }

    /** This request with one more header. */
    public EbayRequest header(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new EbayRequest(api, method, path, body, all, idempotent, timeout);
    }

    /** This request marked safe to repeat (e.g. a POST that sets absolute values). */
    public EbayRequest repeatable() {
        return new EbayRequest(api, method, path, body, headers, true, timeout);
    }

    /** This request with a read timeout of its own. */
    public EbayRequest timeout(Duration readTimeout) {
        return new EbayRequest(api, method, path, body, headers, idempotent, readTimeout);
    }

    /** What the request is, for messages: method and path without the query. */
    public String describe() {
        int query = path.indexOf('?');
        return method + " " + api.basePath() + (query < 0 ? path : path.substring(0, query));
    }

    /** Encodes one path segment or query value, e.g. a SKU with spaces or slashes. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
