package io.omnisync.platform.config;

import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a failed validation of omnisync's configuration into a message that names each property, its
 * value (masked for secrets) and what to set, instead of a stack trace.
 */
public class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String prefix = cause.getValidationErrors().getName().toString();
        String problems = cause.getValidationErrors().getAllErrors().stream()
                .map(error -> describe(prefix, error)).collect(Collectors.joining("\n"));
        String description = "omnisync cannot start: its configuration is wrong.\n\n" + problems;
        String action = "Set each property above to what it asks for, in the active config/application-<profile>.yaml, "
                + "as an environment variable (e.g. omnisync.connector.magento.base-url -> "
                + "OMNISYNC_CONNECTOR_MAGENTO_BASEURL) or as --<property>=<value>, then start again. "
                + "The README's configuration reference lists every property.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String describe(String prefix, ObjectError error) {
        if (error instanceof FieldError field) {
            String property = prefix + "." + kebab(field.getField());
            Object value = field.getRejectedValue();
            String shown = value == null ? "(not set)"
                    : SecretNames.isSecret(property) ? "(secret, not shown)" : "'" + value + "'";
            return "  " + property + " = " + shown + "\n    " + field.getDefaultMessage();
        }
        return "  " + prefix + ": " + error.getDefaultMessage();
    }

    static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
