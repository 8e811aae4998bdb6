package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Square's error envelope {@code {"errors": [{"category", "code", "detail", "field"}]}} and classifies
 * statuses: 429 rate limit, 5xx intermittent, 404 missing, other 4xx a wrong value.
 */
public final class PosErrors {

    private PosErrors() {
    }

    /** Every error as one line, joined with "; ", e.g. {@code INVALID_REQUEST_ERROR/MISSING_REQUIRED_PARAMETER: ... [field=x]}; null when there is none. */
    public static String readable(JsonNode body) {
        if (body == null || !body.path("errors").isArray() || body.path("errors").isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            StringBuilder line = new StringBuilder(error.path("category").asText("?")).append('/')
                    .append(error.path("code").asText("?"));
            String detail = error.path("detail").asText("");
            if (!detail.isEmpty()) {
                line.append(": ").append(detail);
            }
            String field = error.path("field").asText("");
            if (!field.isEmpty()) {
                line.append(" [field=").append(field).append(']');
            }
            lines.add(line.toString());
        }
        return String.join("; ", lines);
    }

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
        return ErrorClass.VALUE;
    }
}
