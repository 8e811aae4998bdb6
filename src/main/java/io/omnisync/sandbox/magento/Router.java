package io.omnisync.sandbox.magento;

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

/** Route table of the fake: method + path template ({@code /V1/products/{sku}}) → handler. */
final class Router {

    /** A parsed REST request after the {@code /rest/<store_code>} prefix. */
    record Request(String method, String storeCode, String path, Map<String, String> pathParams,
                   Map<String, List<String>> query, JsonNode body) {

        String param(String name) {
            return pathParams.get(name);
        }

        List<String> queryValues(String name) {
            return query.getOrDefault(name, List.of());
        }
    }

    /** Produces the JSON response value (a JsonNode, number, string, boolean or list). */
    @FunctionalInterface
    interface Handler {
        Object handle(Request request);
    }

    record Route(String method, Pattern pattern, List<String> names, Handler handler, boolean inContract) {
    }

    record Match(Route route, Map<String, String> pathParams) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final List<Route> routes = new ArrayList<>();

    Router get(String template, Handler handler) {
        return add("GET", template, handler, true);
    }

    Router post(String template, Handler handler) {
        return add("POST", template, handler, true);
    }

    Router put(String template, Handler handler) {
        return add("PUT", template, handler, true);
    }

    /** A route that is not part of the published contract (requests to it are not validated). */
    Router postOutsideContract(String template, Handler handler) {
        return add("POST", template, handler, false);
    }

    private Router add(String method, String template, Handler handler, boolean inContract) {
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
        routes.add(new Route(method, Pattern.compile(regex + "/?"), names, handler, inContract));
        return this;
    }

    /** Finds the route of a raw (still URL-encoded) path; literal routes win because they are registered first. */
    Optional<Match> match(String method, String rawPath) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(rawPath);
            if (route.method().equals(method) && m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    params.put(route.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(route, params));
            }
        }
        return Optional.empty();
    }
}
