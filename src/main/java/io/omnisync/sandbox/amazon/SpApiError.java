package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

/** An error answered as SP-API does: a status and {@code {"errors":[{"code","message","details"}]}}. */
public final class SpApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String details;

    public SpApiError(int status, String code, String message, String details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static SpApiError invalidInput(String message, String details) {
        return new SpApiError(400, "InvalidInput", message, details);
    }

    static SpApiError notFound(String message) {
        return new SpApiError(404, "NotFound", message, null);
    }

    static SpApiError denied(String details) {
        return new SpApiError(403, "Unauthorized", "Access to requested resource is denied.", details);
    }

    static SpApiError quotaExceeded() {
        return new SpApiError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", null);
    }

    static SpApiError internal() {
        return new SpApiError(500, "InternalFailure", "We encountered an internal error. Please try again.", null);
    }

    public int status() {
        return status;
    }

    /** The errors[] envelope. */
    public ObjectNode body() {
        ObjectNode body = JsonHttp.nodes().objectNode();
        ObjectNode error = body.putArray("errors").addObject().put("code", code).put("message", getMessage());
        if (details != null) {
            error.put("details", details);
        }
        return body;
    }
}
