package io.omnisync.sandbox.magento;

import com.sun.net.httpserver.Headers;

/**
 * Decides whether a request is authorised: no check, a bearer token (admin token, or an integration token used as
 * bearer), or OAuth 1.0a integration signatures ({@link OAuthVerifier}).
 */
@FunctionalInterface
public interface MagentoAuth {

    boolean isAuthorized(String method, String fullUrl, Headers headers);

    static MagentoAuth none() {
        return (method, url, headers) -> true;
    }

    static MagentoAuth bearer(String token) {
        String expected = "Bearer " + token;
        return (method, url, headers) -> {
            String actual = headers.getFirst("Authorization");
            return actual != null && java.security.MessageDigest.isEqual(
                    actual.trim().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    /** The auth check for these options. */
    static MagentoAuth of(MagentoFakeOptions options) {
        if (options.oauth() != null) {
            return new OAuthVerifier(options.oauth(), java.time.Clock.systemUTC());
        }
        return options.accessToken() == null ? none() : bearer(options.accessToken());
    }
}
