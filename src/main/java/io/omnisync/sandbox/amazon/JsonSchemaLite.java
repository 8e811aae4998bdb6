package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON Schema draft-07 the listings feed schemas use: type, properties, required, enum, const,
 * minimum, maximum, minLength, minItems, maxItems, minProperties, items, oneOf and {@code false} schemas.
 * (The request validator the fakes use knows draft-04 only, without const and boolean schemas.)
 */
final class JsonSchemaLite {

    private JsonSchemaLite() {
    }

    /** Every violation as "pointer: problem"; empty when the instance conforms. */
    static List<String> validate(JsonNode schema, JsonNode instance, String pointer) {
        List<String> errors = new ArrayList<>();
        check(schema, instance, pointer, errors);
        return errors;
    }

    private static void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                errors.add(at + ": is not allowed here");
            }
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type").asText(), value)) {
            errors.add(at + ": must be of type " + schema.get("type").asText());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(at + ": must be " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(at + ": must be one of " + schema.get("enum"));
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                errors.add(at + ": must be at least " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                errors.add(at + ": must be at most " + schema.get("maximum"));
            }
        }
        if (value.isTextual() && schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
            errors.add(at + ": must have at least " + schema.get("minLength") + " characters");
        }
        if (value.isArray()) {
            array(schema, value, at, errors);
        }
        if (value.isObject()) {
            object(schema, value, at, errors);
        }
        if (schema.has("oneOf")) {
            oneOf(schema.get("oneOf"), value, at, errors);
        }
    }

    private static void array(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(at + ": must have at least " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(at + ": must have at most " + schema.get("maxItems") + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "/" + i, errors);
            }
        }
    }

    private static void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                errors.add(at + "/" + name.asText() + ": is required");
            }
        }
        if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
            errors.add(at + ": must have at least " + schema.get("minProperties") + " properties");
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (value.has(property.getKey())) {
                check(property.getValue(), value.get(property.getKey()), at + "/" + property.getKey(), errors);
            }
        }
    }

    /** Exactly one branch must match; otherwise the errors of the closest branch are reported. */
    private static void oneOf(JsonNode branches, JsonNode value, String at, List<String> errors) {
        List<String> closest = null;
        int matches = 0;
        for (JsonNode branch : branches) {
            List<String> branchErrors = validate(branch, value, at);
            if (branchErrors.isEmpty()) {
                matches++;
            } else if (closest == null || branchErrors.size() < closest.size()) {
                closest = branchErrors;
            }
        }
        if (matches == 0 && closest != null) {
            errors.addAll(closest);
        } else if (matches > 1) {
            errors.add(at + ": matches more than one of the allowed shapes");
        }
    }

    private static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
