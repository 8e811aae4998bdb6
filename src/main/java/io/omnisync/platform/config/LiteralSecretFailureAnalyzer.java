package io.omnisync.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link LiteralSecretException}: which keys, in which files, and what to write instead. */
public class LiteralSecretFailureAnalyzer extends AbstractFailureAnalyzer<LiteralSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LiteralSecretException cause) {
        String description = "omnisync cannot start: secrets must not be written into configuration files.\n\n  "
                + String.join("\n  ", cause.offenders());
        String action = "Replace each value with a reference to an environment variable, e.g. "
                + "webhook-secrets: ${MAGENTO_WEBHOOK_SECRET}, and set that variable where omnisync runs.";
        return new FailureAnalysis(description, action, cause);
    }
}
