package io.omnisync.platform.event;

import java.math.BigDecimal;
import java.util.Collection;

/** Field checks for canonical event constructors; a failure names the event and the field. */
final class Require {

    private Require() {
    }

    static String text(String value, String event, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(event + "." + field + " is required");
        }
        return value;
    }

    static <T> T present(T value, String event, String field) {
        if (value == null) {
            throw new IllegalArgumentException(event + "." + field + " is required");
        }
        return value;
    }

    static BigDecimal nonNegative(BigDecimal value, String event, String field) {
        present(value, event, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(event + "." + field + " must not be negative, was " + value);
        }
        return value;
    }

    static <C extends Collection<?>> C notEmpty(C value, String event, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(event + "." + field + " must list at least one entry");
        }
        return value;
    }
}
