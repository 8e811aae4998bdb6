package io.omnisync.sandbox.magento;

import com.sun.net.httpserver.Headers;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin tokens as Magento issues them: POST /V1/integration/admin/token with the admin's username and password
 * answers a token (a JSON string) that is accepted as Bearer until it expires (4 hours by default).
 */
final class AdminTokens implements MagentoAuth {

    static final String PATH = "/V1/integration/admin/token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MagentoFakeOptions.Admin admin;
    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    AdminTokens(MagentoFakeOptions.Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** A new token for correct credentials; Magento's 401 otherwise. */
    String issue(String username, String password) {
        if (!same(admin.username(), username) || !same(admin.password(), password)) {
            throw new MagentoError(401, "The account sign-in was incorrect or your account is disabled temporarily. "
                    + "Please wait and try again later.");
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        expiries.put(token, clock.instant().plus(admin.tokenLifetime()));
        return token;
    }

    @Override
    public boolean isAuthorized(String method, String fullUrl, Headers headers) {
        String header = headers.getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = expiries.get(header.substring(7).trim());
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
