package io.omnisync.platform.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Boot leaves a {@code ${VARIABLE}} it cannot resolve in the bound value. For a secret that would make the
 * placeholder text itself the secret, so properties classes reject such values with this helper.
 */
public final class Placeholders {

    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([^:}]+)[^}]*}");

    private Placeholders() {
    }

    /**
     * Rejects a configuration field whose value still holds an unresolved {@code ${VARIABLE}}, naming the variable
     * to set (otherwise the placeholder text itself would become the secret or URL).
     */
    public static void rejectUnresolved(org.springframework.validation.Errors errors, String field, String value) {
        unresolved(value).ifPresent(variable -> errors.rejectValue(field, "unresolved",
                "refers to ${" + variable + "}, which is not set: set the environment variable " + variable));
    }

    /** The name inside the first unresolved {@code ${...}} of the value, if any. */
    public static Optional<String> unresolved(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = UNRESOLVED.matcher(value);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
