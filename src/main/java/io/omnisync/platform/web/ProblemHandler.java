package io.omnisync.platform.web;

import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.webhook.WebhookController;
import io.omnisync.platform.webhook.WebhookRejected;
import io.omnisync.platform.webhook.WebhookSource;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as an RFC 9457 problem body naming what is wrong; never a stack trace. An unreachable
 * state database is a 503 with Retry-After, so senders retry instead of losing the event.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(WebhookRejected.class)
    public ResponseEntity<ProblemDetail> rejected(WebhookRejected e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(forSender(request, problem(e.status(), e.slug(), e.getMessage())));
    }

    /** Also a transaction that cannot begin or roll back: the pool has no connection while the database is away. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    public ResponseEntity<ProblemDetail> stateDatabaseDown(RuntimeException e, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.error("state database unavailable (reference {}): {}", reference, e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(forSender(request, problem(HttpStatus.SERVICE_UNAVAILABLE, "state-database-unavailable",
                        "the event could not be stored; nothing was accepted. Retry later (reference " + reference + ")")));
    }

    @ExceptionHandler(IntegrationException.class)
    public ResponseEntity<ProblemDetail> downstream(IntegrationException e, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.warn("a system omnisync depends on failed (reference {}): {} {}", reference, e.errorClass(), e.getMessage());
        HttpStatus status = e.errorClass().transientFailure() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, "10")
                .body(forSender(request, problem(status, "downstream-" + e.errorClass().name().toLowerCase(java.util.Locale.ROOT),
                        "omnisync could not complete this request because a system it depends on failed; "
                                + "nothing was accepted. Retry later (reference " + reference + ")")));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.error("unexpected error (reference {})", reference, e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(forSender(request, problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "omnisync could not handle this request; nothing was accepted (reference " + reference + ")")));
    }

    /** Lets the webhook source a refused delivery was addressed to add what its sender reads (e.g. Adobe's "op"). */
    private static ProblemDetail forSender(HttpServletRequest request, ProblemDetail problem) {
        if (request.getAttribute(WebhookController.SOURCE_ATTRIBUTE) instanceof WebhookSource source) {
            source.describeProblem(problem);
        }
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:omnisync:problem:" + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
