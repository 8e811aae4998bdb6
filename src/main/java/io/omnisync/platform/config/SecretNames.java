package io.omnisync.platform.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which configuration keys hold secrets: their last segment names a secret, password, token or key. */
public final class SecretNames {

    private static final Pattern SECRET = Pattern.compile(
            "(secret|secrets|password|passwd|token|private-key|api-key|client-secret|access-token|credentials)(\\[\\d+])?$");

    private SecretNames() {
    }

    public static boolean isSecret(String propertyName) {
        String kebab = propertyName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String last = kebab.substring(kebab.lastIndexOf('.') + 1);
        return SECRET.matcher(last).find();
    }
}
