package io.omnisync.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.TransientDataAccessException;

/** Finds the {@link ErrorClass} of any throwable by walking its cause chain. */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static ErrorClass classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ErrorClass found = direct(t);
            if (found != null) {
                return found;
            }
        }
        return ErrorClass.UNKNOWN;
    }

    private static ErrorClass direct(Throwable t) {
        if (t instanceof IntegrationException integration) {
            return integration.errorClass();
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
            return ErrorClass.CONNECTION;
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException
                || t instanceof SQLTransientException || t instanceof TransientDataAccessException) {
            return ErrorClass.INTERMITTENT;
        }
        if (t instanceof JsonProcessingException) {
            return ErrorClass.PARSE;
        }
        if (t instanceof IOException) {
            return ErrorClass.CONNECTION;
        }
        if (t instanceof IllegalArgumentException) {
            return ErrorClass.VALUE;
        }
        return null;
    }

    /** The wait the other side asked for (Retry-After) anywhere in the cause chain, if any. */
    public static java.util.Optional<java.time.Duration> retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IntegrationException integration && integration.retryAfter().isPresent()) {
                return integration.retryAfter();
            }
        }
        return java.util.Optional.empty();
    }

    /** A one-line reason an operator can act on: the outermost message and, if different, the root cause's. */
    public static String reason(Throwable failure) {
        String outer = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String inner = rootMessage(failure);
        String text = outer.contains(inner) ? outer : outer + ": " + inner;
        return text.length() > 1900 ? text.substring(0, 1900) + "…" : text;
    }

    /** The message of the innermost cause (its class name when it has none). */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
