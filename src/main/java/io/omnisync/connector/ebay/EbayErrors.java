package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads eBay's error envelope {@code {"errors": [{"errorId", "domain", "category", "message", "longMessage",
 * "parameters": [{"name", "value"}]}]}} and classifies statuses.
 */
public final class EbayErrors {

    private EbayErrors() {
    }

    /** Every error of the envelope as one line each, joined with "; ", or null when the body has none. */
    public static String readable(JsonNode body) {
        if (body == null || !body.path("errors").isArray() || body.path("errors").isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        body.path("errors").forEach(error -> lines.add(describe(error)));
        return String.join("; ", lines);
    }

    /**
     * One error: {@code errorId 25002 (API_INVENTORY/REQUEST): message; longMessage [name=value]}; the long message
     * only when it adds something.
     */
    public static String describe(JsonNode error) {
        StringBuilder text = new StringBuilder("errorId ").append(error.path("errorId").asText("?"));
        String domain = error.path("domain").asText("");
        String category = error.path("category").asText("");
        if (!domain.isEmpty() || !category.isEmpty()) {
            text.append(" (").append(domain).append(category.isEmpty() ? "" : "/" + category).append(')');
        }
        String message = error.path("message").asText("");
        String longMessage = error.path("longMessage").asText("");
        text.append(": ").append(message);
        if (!longMessage.isEmpty() && !longMessage.equals(message)) {
            text.append(message.isEmpty() ? "" : "; ").append(longMessage);
        }
        List<String> parameters = new ArrayList<>();
        error.path("parameters").forEach(p -> parameters.add(p.path("name").asText() + "=" + p.path("value").asText()));
        if (!parameters.isEmpty()) {
            text.append(" ").append(parameters);
        }
        return text.toString();
    }

    /** 429 rate limit; 5xx intermittent; 404 missing; 413 too large; other 4xx a wrong value. */
    public static ErrorClass classify(int status) {
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
