package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * eBay's token endpoint {@code POST /identity/v1/oauth2/token} for {@code grant_type=refresh_token}: checks the
 * Basic client credentials and the refresh token, issues user access tokens that expire, and tells API calls
 * whether a token is valid and has a scope. Errors are OAuth's {@code {"error", "error_description"}}.
 */
final class EbayOAuth {

    static final String PATH = "/identity/v1/oauth2/token";
    static final String SCOPE_BASE = "https://api.ebay.com/oauth/api_scope";
    private static final Set<String> GRANTABLE = Set.of(SCOPE_BASE, SCOPE_BASE + "/sell.inventory",
            SCOPE_BASE + "/sell.inventory.readonly", SCOPE_BASE + "/sell.fulfillment", SCOPE_BASE + "/sell.fulfillment.readonly",
            SCOPE_BASE + "/sell.account", SCOPE_BASE + "/commerce.notification.subscription");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(Instant expiresAt, Set<String> scopes) {
    }

    private final EbayFakeOptions options;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    EbayOAuth(EbayFakeOptions options) {
        this.options = options;
    }

    /** Answers a token request: status and body. */
    EbayRoutes.Reply token(String authorization, Map<String, List<String>> form) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((options.clientId() + ":" + options.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return oauthError(401, "invalid_client", "client authentication failed");
        }
        String grant = first(form, "grant_type");
        if (!"refresh_token".equals(grant)) {
            return oauthError(400, "unsupported_grant_type", "grant type in request is not supported by the authorization server");
        }
        if (!options.refreshToken().equals(first(form, "refresh_token"))) {
            return oauthError(400, "invalid_grant",
                    "the provided authorization refresh token is invalid or was issued to another client");
        }
        String scope = first(form, "scope");
        Set<String> scopes = scope == null || scope.isBlank() ? GRANTABLE : Set.copyOf(Arrays.asList(scope.trim().split("\\s+")));
        if (!GRANTABLE.containsAll(scopes)) {
            return oauthError(400, "invalid_scope", "the requested scope is invalid, unknown, malformed, or exceeds "
                    + "the scope granted to the client");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "v^1.1#i^1#f^0#p^3#I^3#t^" + HexFormat.of().formatHex(bytes);
        tokens.put(token, new Issued(options.clock().instant().plus(options.tokenLifetime()), scopes));
        issued.incrementAndGet();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("access_token", token)
                .put("expires_in", options.tokenLifetime().toSeconds()).put("token_type", "User Access Token");
        return EbayRoutes.Reply.ok(body);
    }

    /** Whether an Authorization header carries a live token; throws 401 or 403 in eBay's shape when not. */
    void authorize(String authorization, String requiredScope) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Issued issuedToken = token == null ? null : tokens.get(token);
        if (issuedToken == null || !options.clock().instant().isBefore(issuedToken.expiresAt())) {
            throw EbayFakeError.invalidToken();
        }
        if (!issuedToken.scopes().contains(requiredScope)) {
            throw EbayFakeError.insufficientScope();
        }
    }

    /** Forgets every issued token, as if they had expired or been revoked. */
    void expireAll() {
        tokens.clear();
    }

    /** Tokens issued so far. */
    int issued() {
        return issued.get();
    }

    private static EbayRoutes.Reply oauthError(int status, String error, String description) {
        return EbayRoutes.Reply.of(status, JsonNodeFactory.instance.objectNode().put("error", error)
                .put("error_description", description));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
