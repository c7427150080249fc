package io.aftersales.logistics.web;

import io.aftersales.logistics.api.ClaimRuleViolation;
import io.aftersales.logistics.api.ClaimStateConflict;
import io.aftersales.logistics.warehouse.SandboxWarehouse;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The claim's refusals as problem+json: a rule broken by the request's content is 400 naming the field; an action
 * the claim's state does not allow is 409 naming the state ({@code state}, {@code action}); a warehouse that cannot
 * hold the replacement's stock is 503 and nothing was recorded (retry).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClaimProblems {

    @ExceptionHandler(ClaimRuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolated(ClaimRuleViolation violation) {
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.invalidRequest(
                List.of(new FieldError(violation.field(), violation.getMessage()))));
    }

    @ExceptionHandler(ClaimStateConflict.class)
    public ResponseEntity<ProblemDetail> stateConflict(ClaimStateConflict conflict) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "Not allowed in this state",
                conflict.getMessage());
        problem.setProperty("state", conflict.status());
        problem.setProperty("action", conflict.action());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(SandboxWarehouse.WarehouseUnavailable.class)
    public ResponseEntity<ProblemDetail> warehouseUnavailable(SandboxWarehouse.WarehouseUnavailable unavailable) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ProblemDetailsAdvice.problem(
                HttpStatus.SERVICE_UNAVAILABLE, "Warehouse unavailable",
                "The replacement's stock could not be held, so nothing was recorded; retry later."));
    }
}
