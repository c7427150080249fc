package io.aftersales.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * What a bearer token must look like and where its facts are, so that tokens of any standard
 * identity provider can be used without reshaping them (see docs/security.md for each provider).
 *
 * @param acceptedTokenTypes  the {@code typ} header values accepted (case-insensitive): {@code JWT} and the
 *                            RFC 9068 access token type by default
 * @param acceptUntypedTokens whether a token without a {@code typ} header is accepted (as Spring Security's
 *                            default does)
 * @param rolesClaim          where the roles are: a claim name ({@code roles},
 *                            {@code https://example.com/roles}), a dotted path into nested claims
 *                            ({@code realm_access.roles}) or a space-separated claim such as {@code scope}
 * @param rolesPrefix         a prefix to strip from each role ({@code ROLE_}, {@code aftersales:}); when set,
 *                            values without it are not roles (so {@code scope} may also hold {@code openid})
 * @param storesClaim         where the stores are, in the same forms as the roles
 * @param storesPrefix        a prefix to strip from each store, like {@code rolesPrefix}
 * @param actorClaim          the claim naming the user, recorded as the actor of every command
 *                            ({@code sub}, {@code preferred_username}, {@code email})
 */
@ConfigurationProperties("aftersales.security")
public record TokenProperties(
        @DefaultValue({"JWT", "at+jwt", "application/at+jwt"}) List<String> acceptedTokenTypes,
        @DefaultValue("true") boolean acceptUntypedTokens,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("") String rolesPrefix,
        @DefaultValue("stores") String storesClaim,
        @DefaultValue("") String storesPrefix,
        @DefaultValue("sub") String actorClaim) {

    /** The defaults, as a service gets them when it sets nothing. */
    public static TokenProperties defaults() {
        return new TokenProperties(List.of("JWT", "at+jwt", "application/at+jwt"), true, "roles", "", "stores", "", "sub");
    }
}
