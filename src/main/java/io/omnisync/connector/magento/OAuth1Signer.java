package io.omnisync.connector.magento;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing (RFC 5849) with HMAC-SHA256, the way Magento verifies integration credentials:
 * the signature covers the method, the base URL and every query and oauth_* parameter, not a JSON body.
 */
public class OAuth1Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String consumerKey;
    private final String consumerSecret;
    private final String token;
    private final String tokenSecret;
    private final Clock clock;

    public OAuth1Signer(String consumerKey, String consumerSecret, String token, String tokenSecret, Clock clock) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.token = token;
        this.tokenSecret = tokenSecret;
        this.clock = clock;
    }

    /** The Authorization header value for a request. */
    public String authorization(String method, URI uri) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", consumerKey);
        oauth.put("oauth_token", token);
        oauth.put("oauth_signature_method", "HMAC-SHA256");
        oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        oauth.put("oauth_nonce", nonce());
        oauth.put("oauth_version", "1.0");
        List<String[]> parameters = queryParameters(uri);
        oauth.forEach((name, value) -> parameters.add(new String[] {name, value}));
        oauth.put("oauth_signature", sign(baseString(method, uri, parameters)));
        return "OAuth " + oauth.entrySet().stream().map(e -> encode(e.getKey()) + "=\"" + encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** RFC 5849 section 3.4.1: METHOD&encoded base URI&encoded normalised parameters. */
    static String baseString(String method, URI uri, List<String[]> parameters) {
        String normalised = parameters.stream().map(p -> new String[] {encode(p[0]), encode(p[1])})
                .sorted((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]))
                .map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&" + encode(normalised);
    }

    /** Scheme and host in lower case, the port only when it is not the scheme's default, the path; no query. */
    static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + uri.getRawPath();
    }

    /** The decoded query parameters of a URI, in order. */
    static List<String[]> queryParameters(URI uri) {
        List<String[]> parameters = new ArrayList<>();
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.add(new String[] {decode(name), decode(value)});
        }
        return parameters;
    }

    String sign(String baseString) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String key = encode(consumerSecret) + "&" + encode(tokenSecret);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** RFC 3986 percent-encoding: everything but unreserved characters. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
