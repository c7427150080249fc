package io.aftersales.ticket.web;

import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.ticket.api.ActionNotAllowed;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.ProposalRefused;
import io.aftersales.ticket.api.TicketRuleViolation;
import io.aftersales.ticket.api.TicketStateConflict;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The ticket's refusals as problem+json: a rule broken by the request's content is 400 naming the
 * field; an action the ticket's state does not allow is 409 naming the state ({@code state},
 * {@code action}); a proposal the store's policy refuses is 422 with the policy's {@code decision}
 * (which rule, which limit); an action this caller may not take on this ticket is 403.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TicketProblems {

    @ExceptionHandler(TicketRuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolated(TicketRuleViolation violation) {
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.invalidRequest(
                List.of(new FieldError(violation.field(), violation.getMessage()))));
    }

    @ExceptionHandler(TicketStateConflict.class)
    public ResponseEntity<ProblemDetail> stateConflict(TicketStateConflict conflict) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "Not allowed in this state",
                conflict.getMessage());
        problem.setProperty("state", conflict.status());
        problem.setProperty("action", conflict.action());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(ProposalRefused.class)
    public ResponseEntity<ProblemDetail> proposalRefused(ProposalRefused refused) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.UNPROCESSABLE_ENTITY,
                "Refused by the store's policy", refused.getMessage());
        PolicyDecision decision = refused.decision();
        problem.setProperty("decision", decision);
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    @ExceptionHandler(ActionNotAllowed.class)
    public ResponseEntity<ProblemDetail> notAllowed(ActionNotAllowed notAllowed) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN,
                "Forbidden", notAllowed.getMessage()));
    }
}
