package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Route table of the Amazon fake: method + path template → operationId and handler. */
final class FakeRoutes {

    /** A request after routing: decoded path parameters, the query as a multimap, the parsed JSON body. */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query, JsonNode body) {

        String param(String name) {
            return pathParams.get(name);
        }

        /** A query parameter's values, comma-separated lists split. */
        List<String> list(String name) {
            List<String> values = new ArrayList<>();
            query.getOrDefault(name, List.of()).forEach(v -> values.addAll(List.of(v.split(","))));
            values.removeIf(String::isBlank);
            return values;
        }

        String first(String name) {
            List<String> values = query.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: status and JSON body (null for none). */
    record Reply(int status, Object body) {

        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    record Route(String method, Pattern pattern, List<String> names, String operationId, Handler handler) {
    }

    record Match(Route route, Map<String, String> pathParams) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; {@code operationId} names it in usage plans and request counts. */
    FakeRoutes add(String method, String template, String operationId, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, operationId, handler));
        return this;
    }

    /** The route of a raw (still encoded) path, literal routes first because they are added first. */
    Optional<Match> match(String method, String rawPath) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(rawPath);
            if (route.method().equals(method) && m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    params.put(route.names().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(route, params));
            }
        }
        return Optional.empty();
    }
}
