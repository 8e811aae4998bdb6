package io.omnisync.sandbox.ebay;

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

/** Route table of the fake: method + path template after the API's base path ({@code /offer/{offerId}}) → handler. */
final class EbayRoutes {

    /** A request after its base path, with decoded path parameters and query values. */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
                   Map<String, List<String>> headers, JsonNode body) {

        String param(String name) {
            return pathParams.get(name);
        }

        /** The first value of a query parameter, or {@code fallback}. */
        String query(String name, String fallback) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? fallback : values.get(0);
        }

        /** The first value of a header (case-insensitive), or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** An answer: status, JSON body (or null) and extra headers. */
    record Reply(int status, JsonNode body, Map<String, String> headers) {

        static Reply ok(JsonNode body) {
            return new Reply(200, body, Map.of());
        }

        static Reply of(int status, JsonNode body) {
            return new Reply(status, body, Map.of());
        }

        static Reply created(JsonNode body, String location) {
            return new Reply(201, body, Map.of("Location", location));
        }

        static Reply noContent() {
            return new Reply(204, null, Map.of());
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    private record Route(String method, Pattern pattern, List<String> names, Handler handler) {
    }

    /** A matched route with its decoded path parameters. */
    record Match(Handler handler, Map<String, String> pathParams) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final List<Route> routes = new ArrayList<>();

    EbayRoutes add(String method, String template, Handler handler) {
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
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
        return this;
    }

    /** The route of a raw (still encoded) path; literal routes win because they are registered first. */
    Optional<Match> match(String method, String rawPath) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(rawPath);
            if (route.method().equals(method) && m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    params.put(route.names().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(route.handler(), params));
            }
        }
        return Optional.empty();
    }
}
