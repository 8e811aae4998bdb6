package io.omnisync.platform.admin;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A malformed request to any admin controller is answered 400 with what is wrong (before the catch-all 500). */
@RestControllerAdvice(basePackageClasses = AdminProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminProblems {

    @ExceptionHandler(AdminRequestException.class)
    public ResponseEntity<ProblemDetail> badRequest(AdminRequestException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
