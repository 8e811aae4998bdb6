package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** Magento's filter condition types evaluated against JSON values (string comparison is case-insensitive, as MySQL). */
final class Conditions {

    private Conditions() {
    }

    static boolean test(JsonNode actual, SearchCriteria.Filter filter) {
        String type = filter.conditionType().toLowerCase(Locale.ROOT);
        boolean missing = actual == null || actual.isNull();
        if (type.equals("null")) {
            return missing;
        }
        if (type.equals("notnull")) {
            return !missing;
        }
        if (missing) {
            return type.equals("neq") || type.equals("nin") || type.equals("nlike");
        }
        String value = filter.value();
        return switch (type) {
            case "eq" -> compare(actual, value) == 0;
            case "neq" -> compare(actual, value) != 0;
            case "gt" -> compare(actual, value) > 0;
            case "gteq", "from", "moreq" -> compare(actual, value) >= 0;
            case "lt" -> compare(actual, value) < 0;
            case "lteq", "to" -> compare(actual, value) <= 0;
            case "in" -> inList(actual, value);
            case "nin" -> !inList(actual, value);
            case "like" -> like(actual.asText(), value);
            case "nlike" -> !like(actual.asText(), value);
            case "finset" -> inList(value, actual.asText());
            case "nfinset" -> !inList(value, actual.asText());
            default -> throw MagentoError.badRequest("Invalid condition type: " + filter.conditionType());
        };
    }

    private static boolean inList(JsonNode actual, String csv) {
        return Arrays.stream(csv.split(",")).anyMatch(v -> compare(actual, v.trim()) == 0);
    }

    private static boolean inList(String needle, String csv) {
        return Arrays.stream(csv.split(",")).anyMatch(v -> v.trim().equalsIgnoreCase(needle.trim()));
    }

    private static boolean like(String actual, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("%", -1)) {
            if (regex.length() > 0 || pattern.startsWith("%")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        String re = regex.toString().replace("\\Q\\E", "");
        return Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(actual).matches();
    }

    static int compare(JsonNode actual, String value) {
        return compareText(actual == null || actual.isNull() ? null : actual.asText(), value);
    }

    static int compare(JsonNode a, JsonNode b) {
        return compareText(a == null || a.isNull() ? null : a.asText(), b == null || b.isNull() ? null : b.asText());
    }

    private static int compareText(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        try {
            return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim()));
        } catch (NumberFormatException e) {
            return a.compareToIgnoreCase(b);
        }
    }
}
