package io.aftersales.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Every error leaves as RFC 9457 problem+json: 400 with one entry per bad field, 404 for an
 * unknown id, 409 when the aggregate changed concurrently, and a bare 500 that never echoes
 * internals. Services add their own domain exceptions with a higher-precedence advice.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldError> errors = ex.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return Mono.just(ResponseEntity.badRequest().body(invalidRequest(errors)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof DataBufferLimitException) {
                return Mono.just(ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(-1)));
            }
            if (cause instanceof JsonParseException) {
                return Mono.just(ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                        "The request body is not well-formed JSON.")));
            }
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = path(mapping);
                return Mono.just(ResponseEntity.badRequest().body(invalidRequest(
                        List.of(new FieldError(field, "has the wrong type or format")))));
            }
            cause = cause.getCause();
        }
        return Mono.just(ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request",
                "The request could not be read.")));
    }

    @ExceptionHandler({CompletionException.class, ExecutionException.class, CommandExecutionException.class})
    public Mono<ResponseEntity<Object>> unwrap(Exception ex, ServerWebExchange exchange) throws Exception {
        Throwable cause = ex.getCause();
        if (cause instanceof Exception inner && cause != ex) {
            return handle(inner, exchange);
        }
        return internalError(ex);
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingAggregateVersionException.class,
            AggregateStreamCreationException.class})
    public Mono<ResponseEntity<Object>> conflict(Exception ex) {
        return Mono.just(ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT,
                "Concurrent change", "The resource was changed by someone else at the same time; reload it and retry.")));
    }

    @ExceptionHandler(InvalidRequestException.class)
    public Mono<ResponseEntity<Object>> invalid(InvalidRequestException ex) {
        return Mono.just(ResponseEntity.badRequest().body(invalidRequest(ex.errors())));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public Mono<ResponseEntity<Object>> forbidden(AccessDeniedException ex) {
        return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN,
                "Forbidden", "Your role does not allow this action.")));
    }

    @ExceptionHandler(AuthenticationException.class)
    public Mono<ResponseEntity<Object>> unauthorized(AuthenticationException ex) {
        return Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token for this system is required.")));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public Mono<ResponseEntity<Object>> notFound(AggregateNotFoundException ex) {
        return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND,
                "Not found", "No such resource.")));
    }

    @ExceptionHandler(EventStoreException.class)
    public Mono<ResponseEntity<Object>> storeUnavailable(EventStoreException ex) {
        if (ex.getCause() instanceof ConcurrencyException concurrency) {
            return conflict(concurrency);
        }
        log.error("Event store failure", ex);
        return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                "Storage unavailable", "The service cannot reach its store; retry later.")));
    }

    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> internalError(Exception ex) {
        log.error("Unhandled request failure", ex);
        return Mono.just(ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed; it has been logged.")));
    }

    private Mono<ResponseEntity<Object>> handle(Exception ex, ServerWebExchange exchange) throws Exception {
        if (ex instanceof ConcurrencyException || ex instanceof ConflictingAggregateVersionException
                || ex instanceof AggregateStreamCreationException) {
            return conflict(ex);
        }
        if (ex instanceof AccessDeniedException denied) {
            return forbidden(denied);
        }
        if (ex instanceof InvalidRequestException invalid) {
            return invalid(invalid);
        }
        if (ex instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        if (ex instanceof EventStoreException store) {
            return storeUnavailable(store);
        }
        if (ex instanceof CompletionException || ex instanceof ExecutionException || ex instanceof CommandExecutionException) {
            return unwrap(ex, exchange);
        }
        return handleException(ex, exchange);
    }

    public static ProblemDetail invalidRequest(List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** 413 for a body over the limit; {@code maxBytes} below zero when the limit is not at hand. */
    public static ProblemDetail tooLarge(long maxBytes) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", maxBytes < 0
                ? "The request body is larger than this service accepts."
                : "The request body is larger than " + maxBytes / 1024 + " KiB.");
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
