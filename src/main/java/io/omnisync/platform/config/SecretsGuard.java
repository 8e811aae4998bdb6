package io.omnisync.platform.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start when a configuration file sets a secret (see {@link SecretNames}) to a literal value.
 * Secrets come from the environment, a command-line argument, or a {@code ${ENV_VAR}} reference in a file.
 */
public class SecretsGuard implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> offenders = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof OriginTrackedMapPropertySource file && source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (SecretNames.isSecret(name) && isLiteral(file.getProperty(name))) {
                        offenders.add(name + " (in " + source.getName() + ")");
                    }
                }
            }
        }
        if (!offenders.isEmpty()) {
            throw new LiteralSecretException(offenders);
        }
    }

    private static boolean isLiteral(Object raw) {
        String value = raw == null ? "" : raw.toString().trim();
        return !value.isEmpty() && !(value.startsWith("${") && value.endsWith("}"));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
