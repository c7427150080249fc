package io.aftersales.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.platform.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem+json, like every other error. A refused token gets RFC 6750's
 * {@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."} with the cause's fixed
 * description; a request without a token gets a bare {@code Bearer} challenge. The details stay in
 * the log ({@link TokenRefusalLog}), never in the answer.
 */
class ProblemSecurityResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ObjectMapper objectMapper;
    private final TokenRefusalLog refusals = new TokenRefusalLog();

    ProblemSecurityResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        String detail = "A valid bearer token for this system is required.";
        String challenge = "Bearer";
        if (ex instanceof OAuth2AuthenticationException oauth
                && OAuth2ErrorCodes.INVALID_TOKEN.equals(oauth.getError().getErrorCode())) {
            TokenRefusal cause = TokenRefusal.of(ex);
            refusals.refused(cause, ex);
            challenge = "Bearer error=\"invalid_token\", error_description=\"" + cause.description() + "\"";
            detail = cause.description() + ". " + detail;
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return write(exchange, ProblemDetailsAdvice.problem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail));
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
