package io.omnisync.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures over raw bytes, compared in constant time against every active secret. */
public final class HmacSignatures {

    private HmacSignatures() {
    }

    public static byte[] hmacSha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Lowercase hex of HMAC-SHA256(secret, data). */
    public static String hex(String secret, byte[] data) {
        return HexFormat.of().formatHex(hmacSha256(secret, data));
    }

    /** True if {@code providedHex} is the hex HMAC of data under any of the secrets (case-insensitive hex). */
    public static boolean matchesHex(Collection<String> secrets, byte[] data, String providedHex) {
        if (providedHex == null || providedHex.isBlank()) {
            return false;
        }
        byte[] provided = providedHex.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = hex(secret, data).getBytes(StandardCharsets.US_ASCII);
            match |= MessageDigest.isEqual(expected, provided);
        }
        return match;
    }

    /** The two byte arrays one after the other (what a sender signs: a URL or a timestamp, then the raw body). */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
