package io.aftersales.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a token keeps the user, the roles and the stores ({@link TokenProperties}): the one place
 * that reads them, for the authorities {@code @PreAuthorize} checks and for the {@link Caller} an
 * endpoint receives. A claim path is tried first as one claim name (namespaced claims such as
 * {@code https://example.com/roles} hold dots), then as a path into nested claims
 * ({@code realm_access.roles}); its value is a list of strings or one space-separated string
 * ({@code scope}).
 */
public final class ClaimMapping {

    private final String rolesClaim;
    private final String rolesPrefix;
    private final String storesClaim;
    private final String storesPrefix;
    private final String actorClaim;

    public ClaimMapping(TokenProperties properties) {
        this.rolesClaim = properties.rolesClaim();
        this.rolesPrefix = properties.rolesPrefix();
        this.storesClaim = properties.storesClaim();
        this.storesPrefix = properties.storesPrefix();
        this.actorClaim = properties.actorClaim();
    }

    public String actorClaim() {
        return actorClaim;
    }

    /** The user the token names, or {@code null} when the actor claim is absent or blank. */
    public String actor(Jwt jwt) {
        Object value = jwt.getClaims().get(actorClaim);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    public List<String> roles(Jwt jwt) {
        return values(jwt.getClaims(), rolesClaim, rolesPrefix);
    }

    public List<String> stores(Jwt jwt) {
        return values(jwt.getClaims(), storesClaim, storesPrefix);
    }

    public Caller caller(Jwt jwt) {
        return new Caller(actor(jwt), Set.copyOf(roles(jwt)), Set.copyOf(stores(jwt)));
    }

    /** The authentication Spring Security keeps: named after the actor, with one {@code ROLE_} authority per role. */
    public Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter() {
        return jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            for (String role : roles(jwt)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
            return Mono.just(new JwtAuthenticationToken(jwt, authorities, actor(jwt)));
        };
    }

    private static List<String> values(Map<String, Object> claims, String path, String prefix) {
        List<String> values = new ArrayList<>();
        for (String value : raw(find(claims, path))) {
            if (prefix.isEmpty()) {
                values.add(value);
            } else if (value.startsWith(prefix) && value.length() > prefix.length()) {
                values.add(value.substring(prefix.length()));
            }
        }
        return List.copyOf(values);
    }

    private static Object find(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    private static List<String> raw(Object value) {
        if (value instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().filter(item -> item instanceof String).map(String.class::cast)
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return List.of();
    }
}
