package io.aftersales.feedback.web;

import io.aftersales.feedback.api.DelistingAlreadyRelisted;
import io.aftersales.feedback.api.DelistingNotFound;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Delisting rules as problem+json: an unknown delisting is 404, relisting one already relisted is a 409 state conflict. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FeedbackProblems {

    @ExceptionHandler(DelistingNotFound.class)
    public ResponseEntity<ProblemDetail> notFound(DelistingNotFound ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetailsAdvice.problem(HttpStatus.NOT_FOUND,
                "Not found", "No such delisting."));
    }

    @ExceptionHandler(DelistingAlreadyRelisted.class)
    public ResponseEntity<ProblemDetail> alreadyClosed(DelistingAlreadyRelisted ex) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetailsAdvice.problem(HttpStatus.CONFLICT,
                "Already relisted", "This delisting was already relisted."));
    }
}
