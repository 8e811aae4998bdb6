package io.omnisync.platform.error;

/** A failure that already knows its {@link ErrorClass}; connectors throw it from their clients. */
public class IntegrationException extends RuntimeException {

    private final ErrorClass errorClass;

    public IntegrationException(ErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    public IntegrationException(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
