package io.omnisync.platform.privacy;

import io.omnisync.platform.jdbc.Rows;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keyed hashes (HMAC-SHA256 with a salt generated once per installation and kept in the state database) of the email
 * addresses a payload holds, so that masked records can still be found by the customer they were about, without
 * keeping the address itself: a dictionary of addresses cannot be hashed against them without the salt.
 */
public class SubjectKeys {

    private final JdbcTemplate jdbc;
    private volatile byte[] salt;

    public SubjectKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The keys of every email address in the text as {@code ",k1,k2,"} (null when it holds none). */
    public String keysOf(String text) {
        if (text == null) {
            return null;
        }
        TreeSet<String> keys = new TreeSet<>();
        Matcher m = PersonalData.EMAIL.matcher(text);
        while (m.find()) {
            keys.add(keyOf(m.group()));
        }
        return keys.isEmpty() ? null : "," + String.join(",", keys) + ",";
    }

    /** The key of one email address (case and surrounding blanks do not matter). */
    public String keyOf(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt(), "HmacSHA256"));
            byte[] digest = mac.doFinal(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether the text is one email address. */
    public static boolean isEmail(String text) {
        return text != null && PersonalData.EMAIL.matcher(text.trim()).matches();
    }

    private byte[] salt() {
        byte[] known = salt;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Rows.insertIfAbsent(jdbc, "INSERT INTO privacy_salt (id, salt) VALUES (1, ?)", HexFormat.of().formatHex(fresh));
            known = HexFormat.of().parseHex(jdbc.queryForObject("SELECT salt FROM privacy_salt WHERE id = 1", String.class));
            salt = known;
        }
        return known;
    }
}
