package io.aftersales.ticket.web;

import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.ticket.api.TicketRuleViolation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** A ticket rule broken by the request's content is the caller's error: 400 naming the field. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TicketProblems {

    @ExceptionHandler(TicketRuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolated(TicketRuleViolation violation) {
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.invalidRequest(
                List.of(new FieldError(violation.field(), violation.getMessage()))));
    }
}
