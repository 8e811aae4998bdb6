package io.omnisync.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON and HTTP helpers shared by the sandbox fakes.
 *
 * <p>Serialisation imitates PHP's {@code json_encode} defaults (used by Magento both for REST responses and for
 * signing webhooks): {@code /} is written as {@code \/} and every non-ASCII character as {@code \\uXXXX}. A
 * receiver that re-serialises the JSON in Java therefore gets different bytes and must verify signatures on the
 * raw body.
 */
public final class JsonHttp {

    /** Plain mapper for reading JSON. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectMapper PHP_MAPPER = phpMapper();

    private JsonHttp() {
    }

    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    /** Serialises a value the way PHP's {@code json_encode} would (escaped slashes, {@code \\uXXXX} for non-ASCII). */
    public static byte[] phpJson(Object value) {
        try {
            return PHP_MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Reads JSON text; blank input gives {@code null}. */
    public static JsonNode parse(byte[] body) throws IOException {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        return MAPPER.readTree(body);
    }

    public static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Writes a JSON response (PHP-style serialisation) and closes the exchange. */
    public static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = phpJson(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Parses a raw (still encoded) query string into an ordered multimap of decoded names and values. */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** A JSON number without a useless fraction: 10.0 becomes 10, 10.5 stays 10.5. */
    public static NumericNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return nodes().numberNode(stripped.longValueExact());
        }
        return nodes().numberNode(stripped.doubleValue());
    }

    private static ObjectMapper phpMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new PhpEscapes());
        mapper.getFactory().configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
        return mapper;
    }

    /** Escapes like PHP json_encode: slashes and all non-ASCII characters. */
    private static final class PhpEscapes extends CharacterEscapes {
        private static final SerializedString SLASH = new SerializedString("\\/");
        private final int[] asciiEscapes;

        PhpEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            asciiEscapes['/'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '/') {
                return SLASH;
            }
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
