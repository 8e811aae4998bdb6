package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.util.Map;

/** A refusal in Square's envelope {@code {"errors": [{"category", "code", "detail", "field"}]}}. */
final class PosFakeError extends RuntimeException {

    private final int status;
    private final ObjectNode body;
    private final Map<String, String> headers;

    private PosFakeError(int status, String category, String code, String detail, String field, Map<String, String> headers) {
        super(code + ": " + detail);
        this.status = status;
        this.headers = headers;
        this.body = JsonHttp.nodes().objectNode();
        ObjectNode error = body.putArray("errors").addObject().put("category", category).put("code", code).put("detail", detail);
        if (field != null) {
            error.put("field", field);
        }
    }

    static PosFakeError invalid(String code, String detail, String field) {
        return new PosFakeError(400, "INVALID_REQUEST_ERROR", code, detail, field, Map.of());
    }

    static PosFakeError notFound(String detail) {
        return new PosFakeError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", detail, null, Map.of());
    }

    static PosFakeError unauthorized() {
        return new PosFakeError(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED",
                "This request could not be authorized.", null, Map.of());
    }

    static PosFakeError rateLimited(long retryAfterSeconds) {
        return new PosFakeError(429, "RATE_LIMIT_ERROR", "RATE_LIMITED", "Rate limit exceeded.", null,
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    static PosFakeError internal() {
        return new PosFakeError(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "An internal error occurred.", null, Map.of());
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
