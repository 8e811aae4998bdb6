package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;
import java.util.ArrayList;
import java.util.List;

/** Reads SP-API's error envelope {@code {"errors":[{"code","message","details"}]}} and classifies statuses. */
final class AmazonErrors {

    private AmazonErrors() {
    }

    /** "code: message (details)" for every error, joined by "; "; null when the body has no errors[]. */
    static String readable(JsonNode body) {
        if (body == null || !body.path("errors").isArray() || body.path("errors").isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            String text = error.path("code").asText("") + ": " + error.path("message").asText("");
            String details = error.path("details").asText("");
            parts.add(details.isBlank() ? text : text + " (" + details + ")");
        }
        return String.join("; ", parts);
    }

    /** True when SP-API refused the access token because it expired (403 Unauthorized ... has expired). */
    static boolean expiredToken(int status, JsonNode body) {
        if (status != 401 && status != 403) {
            return false;
        }
        String text = readable(body);
        return status == 401 || text != null && text.toLowerCase(java.util.Locale.ROOT).contains("expired");
    }

    /** 429 RATE_LIMIT, 5xx INTERMITTENT, 404 MISSING, 413 TOO_LARGE, other 4xx (400, 403) VALUE. */
    static ErrorClass classify(int status) {
        if (status == 429) {
            return ErrorClass.RATE_LIMIT;
        }
        if (status >= 500) {
            return ErrorClass.INTERMITTENT;
        }
        if (status == 404) {
            return ErrorClass.MISSING;
        }
        if (status == 413) {
            return ErrorClass.TOO_LARGE;
        }
        return ErrorClass.VALUE;
    }
}
