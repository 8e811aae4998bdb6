package io.omnisync.platform.config;

import java.util.List;

/** Thrown at start-up when a configuration file holds a secret as a literal instead of a ${...} reference. */
public class LiteralSecretException extends RuntimeException {

    private final List<String> offenders;

    public LiteralSecretException(List<String> offenders) {
        super("configuration files hold secrets as literals: " + offenders);
        this.offenders = List.copyOf(offenders);
    }

    /** "property (in file)" for each literal secret. */
    public List<String> offenders() {
        return offenders;
    }
}
