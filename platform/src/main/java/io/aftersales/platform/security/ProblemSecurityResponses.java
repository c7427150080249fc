package io.aftersales.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.platform.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json, like every other error; the reason stays in the log, not the answer. */
class ProblemSecurityResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ObjectMapper objectMapper;

    ProblemSecurityResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return write(exchange, ProblemDetailsAdvice.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid bearer token for this system is required."));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange, ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this action."));
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        return ProblemWriter.write(exchange, problem, objectMapper);
    }
}
