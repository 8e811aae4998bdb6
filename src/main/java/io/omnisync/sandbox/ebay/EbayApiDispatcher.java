package io.omnisync.sandbox.ebay;

import io.omnisync.sandbox.ContractValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API of the fake (Inventory or Fulfillment): finds the route after the base path, checks the request against
 * the contract (a violation is eBay's 400 errorId 2004 naming the field) and runs the handler.
 */
record EbayApiDispatcher(String basePath, String domain, String scope, EbayRoutes routes, ContractValidator contract) {

    EbayRoutes.Reply dispatch(String method, String rawPath, Map<String, List<String>> query,
                              Map<String, List<String>> headers, byte[] body) {
        String path = rawPath.substring(basePath.length());
        EbayRoutes.Match match = routes.match(method, path).orElseThrow(() -> EbayFakeError.of(404,
                EbayFakeError.error(2002, "ACCESS", "REQUEST", "Resource not found",
                        "The fake does not serve " + method + " " + rawPath + ".")));
        String contentType = first(headers, "Content-Type");
        Optional<ContractValidator.Violation> violation = contract.validate(method, rawPath, query, headers, contentType,
                new String(body, StandardCharsets.UTF_8));
        violation.ifPresent(v -> {
            throw violation(v);
        });
        return match.handler().handle(new EbayRoutes.Request(method, path, match.pathParams(), query, headers,
                EbayFake.parse(body, domain)));
    }

    /** eBay's answer to a malformed request, naming the field as {@code requests[0].shipToLocationAvailability.quantity}. */
    private EbayFakeError violation(ContractValidator.Violation v) {
        String field = v.field() == null ? "" : v.field().replaceAll("^/", "").replaceAll("/(\\d+)(?=/|$)", "[$1]")
                .replace('/', '.');
        String where = field.isEmpty() ? "" : field + ": ";
        return EbayFakeError.of(400, EbayFakeError.error(2004, "ACCESS", "REQUEST", "Invalid request",
                "The request has errors. " + where + v.message(), "field", field.isEmpty() ? v.key() : field));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
