package io.aftersales.platform.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets an endpoint take a {@link Caller} parameter, built from the authenticated bearer token. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final ClaimMapping mapping;

    CallerArgumentResolver(ClaimMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
                                        ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> (Object) mapping.caller(((JwtAuthenticationToken) authentication).getToken()))
                .switchIfEmpty(Mono.error(new AuthenticationCredentialsNotFoundException("No bearer token")));
    }
}
