package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An error answered the way eBay's REST APIs do: a status and {@code {"errors": [{errorId, domain, ...}]}}. */
final class EbayFakeError extends RuntimeException {

    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers;

    private EbayFakeError(int status, JsonNode body, Map<String, String> headers) {
        super(body.toString());
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** One error of the envelope; {@code parameters} are name/value pairs. */
    static ObjectNode error(int errorId, String domain, String category, String message, String longMessage,
                            String... parameters) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("errorId", errorId).put("domain", domain)
                .put("category", category).put("message", message);
        if (longMessage != null) {
            error.put("longMessage", longMessage);
        }
        if (parameters.length > 0) {
            ArrayNode list = error.putArray("parameters");
            for (int i = 0; i + 1 < parameters.length; i += 2) {
                list.addObject().put("name", parameters[i]).put("value", parameters[i + 1]);
            }
        }
        return error;
    }

    static EbayFakeError of(int status, ObjectNode error) {
        return of(status, error, Map.of());
    }

    static EbayFakeError of(int status, ObjectNode error, Map<String, String> headers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").add(error);
        return new EbayFakeError(status, body, headers);
    }

    static EbayFakeError invalidToken() {
        return of(401, error(1001, "OAuth", "REQUEST", "Invalid access token",
                "Invalid access token. Check the value of the Authorization HTTP request header."));
    }

    static EbayFakeError insufficientScope() {
        return of(403, error(1100, "ACCESS", "REQUEST", "Access denied", "Insufficient permissions to fulfill the request."));
    }

    static EbayFakeError tooManyRequests(long retryAfterSeconds) {
        return of(429, error(2001, "ACCESS", "REQUEST", "Too many requests",
                "The request limit has been reached for the resource."), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    static EbayFakeError internal(String domain) {
        return of(500, error(25001, domain, "APPLICATION", "A system error has occurred.",
                "A system error has occurred. Please try again later."));
    }

    static EbayFakeError notFound(String domain, String message) {
        return of(404, error(domain.startsWith("API_INVENTORY") ? 25710 : 32100, domain, "REQUEST", message, null));
    }

    static EbayFakeError badRequest(int errorId, String domain, String message, String... parameters) {
        return of(400, error(errorId, domain, "REQUEST", message, null, parameters));
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
