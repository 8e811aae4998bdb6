package io.omnisync.sandbox.magento;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks OAuth 1.0a signatures (RFC 5849, HMAC-SHA256) as Magento does for integration credentials: consumer key
 * and token must match, the timestamp must be within 10 minutes, a nonce is accepted once, and the signature must
 * be the HMAC of the signature base string (method, base URL, query and oauth_* parameters) keyed by
 * consumerSecret&tokenSecret. Written from the RFC, independently of any client.
 */
final class OAuthVerifier implements MagentoAuth {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_]+)=\"([^\"]*)\"");
    private static final long TOLERANCE_SECONDS = 600;

    private final MagentoFakeOptions.OAuth credentials;
    private final Clock clock;
    private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();

    OAuthVerifier(MagentoFakeOptions.OAuth credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public boolean isAuthorized(String method, String fullUrl, Headers headers) {
        String header = headers.getFirst("Authorization");
        if (header == null || !header.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> oauth = new HashMap<>();
        Matcher m = PARAM.matcher(header.substring(6));
        while (m.find()) {
            oauth.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        if (!credentials.consumerKey().equals(oauth.get("oauth_consumer_key"))
                || !credentials.token().equals(oauth.get("oauth_token"))
                || !"HMAC-SHA256".equals(oauth.get("oauth_signature_method"))
                || !fresh(oauth.get("oauth_timestamp")) || oauth.get("oauth_nonce") == null
                || oauth.get("oauth_signature") == null) {
            return false;
        }
        String expected = signature(method, URI.create(fullUrl), oauth);
        boolean valid = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                oauth.get("oauth_signature").getBytes(StandardCharsets.US_ASCII));
        return valid && seenNonces.add(oauth.get("oauth_timestamp") + ":" + oauth.get("oauth_nonce"));
    }

    private boolean fresh(String timestamp) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) <= TOLERANCE_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String signature(String method, URI uri, Map<String, String> oauth) {
        List<String> pairs = new ArrayList<>();
        oauth.forEach((name, value) -> {
            if (!"oauth_signature".equals(name) && !"realm".equals(name)) {
                pairs.add(pct(name) + "=" + pct(value));
            }
        });
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nv = pair.split("=", 2);
                pairs.add(pct(URLDecoder.decode(nv[0], StandardCharsets.UTF_8)) + "="
                        + pct(nv.length > 1 ? URLDecoder.decode(nv[1], StandardCharsets.UTF_8) : ""));
            }
        }
        pairs.sort(Comparator.naturalOrder());
        String base = method.toUpperCase() + "&" + pct(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath())
                + "&" + pct(String.join("&", pairs));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((pct(credentials.consumerSecret()) + "&" + pct(credentials.tokenSecret()))
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 encoding from the form encoder: space as %20, '*' encoded, '~' kept. */
    private static String pct(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
