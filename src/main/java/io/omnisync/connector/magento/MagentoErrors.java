package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;

/** Reads Magento's error envelope {@code {"message": "... %1 ... %name", "parameters": [...] | {...}}}. */
final class MagentoErrors {

    private MagentoErrors() {
    }

    /** The message with its placeholders filled in, or null when the body is not Magento's envelope. */
    static String readable(JsonNode body) {
        if (body == null || !body.hasNonNull("message")) {
            return null;
        }
        String message = body.get("message").asText();
        JsonNode parameters = body.path("parameters");
        if (parameters.isArray()) {
            for (int i = parameters.size(); i >= 1; i--) {
                message = message.replace("%" + i, parameters.get(i - 1).asText());
            }
        } else if (parameters.isObject()) {
            var fields = parameters.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                message = message.replace("%" + field.getKey(), field.getValue().asText());
            }
        }
        return message;
    }

    /** Timeouts, 429 and 5xx are transient; other 4xx are permanent. */
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
