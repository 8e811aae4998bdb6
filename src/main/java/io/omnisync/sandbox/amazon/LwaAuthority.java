package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Login with Amazon's token endpoint ({@code POST /auth/o2/token}, form-encoded or JSON) and the access tokens it
 * issued: {@code grant_type=refresh_token} with the right client id, secret and refresh token answers
 * {@code {access_token, refresh_token, token_type, expires_in}}; wrong client credentials answer 401
 * {@code invalid_client}, a wrong refresh token 400 {@code invalid_grant}.
 */
final class LwaAuthority {

    static final String PATH = "/auth/o2/token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AmazonFakeOptions options;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    LwaAuthority(AmazonFakeOptions options) {
        this.options = options;
    }

    /** Answers a token request; the result is (status, body). */
    Map.Entry<Integer, JsonNode> token(String contentType, byte[] body) {
        Map<String, String> form = parse(contentType, body);
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return answer(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }
        if (!same(options.clientId(), form.get("client_id")) || !same(options.clientSecret(), form.get("client_secret"))) {
            return answer(401, "invalid_client", "Client authentication failed");
        }
        if (!same(options.refreshToken(), form.get("refresh_token"))) {
            return answer(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = "Atza|" + HexFormat.of().formatHex(bytes);
        expiries.put(token, options.clock().instant().plus(options.tokenLifetime()));
        issued.incrementAndGet();
        ObjectNode ok = JsonHttp.nodes().objectNode().put("access_token", token).put("refresh_token", options.refreshToken())
                .put("token_type", "bearer").put("expires_in", options.tokenLifetime().toSeconds());
        return Map.entry(200, ok);
    }

    /** Null when the token is valid, else the 403 SP-API answers. */
    SpApiError check(String token) {
        Instant expiry = token == null ? null : expiries.get(token);
        if (expiry == null) {
            return SpApiError.denied("The access token you provided is revoked, malformed or invalid.");
        }
        if (!options.clock().instant().isBefore(expiry)) {
            return SpApiError.denied("The access token you provided has expired.");
        }
        return null;
    }

    /** Expires every token issued so far, as if an hour had passed. */
    void expireAll() {
        Instant now = options.clock().instant();
        expiries.replaceAll((token, expiry) -> now);
    }

    int issued() {
        return issued.get();
    }

    private static Map.Entry<Integer, JsonNode> answer(int status, String error, String description) {
        return Map.entry(status, JsonHttp.nodes().objectNode().put("error", error).put("error_description", description));
    }

    private static Map<String, String> parse(String contentType, byte[] body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        if (contentType != null && contentType.startsWith("application/json")) {
            try {
                JsonNode json = JsonHttp.parse(body);
                if (json != null) {
                    json.fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
                }
            } catch (java.io.IOException e) {
                return form;
            }
            return form;
        }
        JsonHttp.parseQuery(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> form.put(k, v.get(0)));
        return form;
    }

    private static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

}
