package io.aftersales.feedback.web;

import io.aftersales.feedback.api.IncidentAlreadyClosed;
import io.aftersales.feedback.api.IncidentNotFound;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Incident rules as problem+json: an unknown incident is 404, relisting a closed one is a 409 state conflict. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FeedbackProblems {

    @ExceptionHandler(IncidentNotFound.class)
    public ResponseEntity<ProblemDetail> notFound(IncidentNotFound ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetailsAdvice.problem(HttpStatus.NOT_FOUND,
                "Not found", "No such delisting."));
    }

    @ExceptionHandler(IncidentAlreadyClosed.class)
    public ResponseEntity<ProblemDetail> alreadyClosed(IncidentAlreadyClosed ex) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetailsAdvice.problem(HttpStatus.CONFLICT,
                "Already relisted", "The product was already relisted for this incident."));
    }
}
