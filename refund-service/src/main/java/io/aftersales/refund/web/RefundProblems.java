package io.aftersales.refund.web;

import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.refund.api.RefundActionNotAllowed;
import io.aftersales.refund.api.RefundExceedsPaid;
import io.aftersales.refund.api.RefundRuleViolation;
import io.aftersales.refund.api.RefundStateConflict;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The refund's refusals as problem+json: a broken rule is 400 naming the field; a refund that would
 * take its order line over what was paid is 422; an action the state does not allow is 409 naming
 * the state and action; an action this caller may not take (an agent approving above the
 * threshold) is 403.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RefundProblems {

    @ExceptionHandler(RefundExceedsPaid.class)
    public ResponseEntity<ProblemDetail> exceedsPaid(RefundExceedsPaid exceeds) {
        return ResponseEntity.unprocessableEntity().body(ProblemDetailsAdvice.problem(HttpStatus.UNPROCESSABLE_ENTITY,
                "More than was paid for the order line", exceeds.getMessage()));
    }

    @ExceptionHandler(RefundRuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolated(RefundRuleViolation violation) {
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.invalidRequest(
                List.of(new FieldError(violation.field(), violation.getMessage()))));
    }

    @ExceptionHandler(RefundStateConflict.class)
    public ResponseEntity<ProblemDetail> stateConflict(RefundStateConflict conflict) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "Not allowed in this state",
                conflict.getMessage());
        problem.setProperty("state", conflict.status());
        problem.setProperty("action", conflict.action());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(RefundActionNotAllowed.class)
    public ResponseEntity<ProblemDetail> notAllowed(RefundActionNotAllowed notAllowed) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN,
                "Forbidden", notAllowed.getMessage()));
    }
}
