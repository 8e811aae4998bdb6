package io.omnisync.platform.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that already knows its {@link ErrorClass}; connectors throw it from their clients. A rate-limit failure
 * may carry the wait the other side asked for (Retry-After), which the bus's redelivery then waits at least.
 */
public class IntegrationException extends RuntimeException {

    private final ErrorClass errorClass;
    private final Duration retryAfter;

    public IntegrationException(ErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
        this.retryAfter = null;
    }

    public IntegrationException(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
        this.retryAfter = null;
    }

    /** A failure after which the other side asked not to be called again before {@code retryAfter} has passed. */
    public IntegrationException(ErrorClass errorClass, String message, Duration retryAfter) {
        super(message);
        this.errorClass = errorClass;
        this.retryAfter = retryAfter;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The wait the other side asked for (Retry-After), if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
