package io.aftersales.platform.security;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Why a bearer token was refused: the few causes an operator needs to tell apart, each with the
 * {@code error_description} the client gets (fixed text: no token content, no secret, no stack) and
 * the phrase the log uses.
 */
enum TokenRefusal {

    TYPE_NOT_ACCEPTED("typ not accepted", "The token type (typ header) is not accepted"),
    AUDIENCE_MISMATCH("audience mismatch", "The token is not meant for this audience"),
    ISSUER_MISMATCH("issuer mismatch", "The token is not from the trusted issuer"),
    EXPIRED("expired or not yet valid", "The token is expired or not yet valid"),
    SIGNATURE("signature/unknown kid", "The token signature does not verify with the issuer keys"),
    NO_ACTOR("no actor claim", "The token does not name its user"),
    MALFORMED("malformed", "The token is not a well-formed signed JWT"),
    OTHER("invalid", "The token is invalid");

    private final String phrase;
    private final String description;

    TokenRefusal(String phrase, String description) {
        this.phrase = phrase;
        this.description = description;
    }

    /** For the log: "typ not accepted", "audience mismatch", ... */
    String phrase() {
        return phrase;
    }

    /** For the client's {@code WWW-Authenticate} and problem detail. */
    String description() {
        return description;
    }

    /** A token rule whose failure names this cause, followed by the rule's own description (for the log). */
    OAuth2TokenValidator<Jwt> of(OAuth2TokenValidator<Jwt> rule) {
        return of(rule, jwt -> null);
    }

    /**
     * A token rule whose failure names this cause, followed by what the token says ({@code seen}) and
     * the rule's own description: for the log only, clients get {@link #description()}.
     */
    OAuth2TokenValidator<Jwt> of(OAuth2TokenValidator<Jwt> rule, Function<Jwt, String> seen) {
        return jwt -> {
            OAuth2TokenValidatorResult result = rule.validate(jwt);
            if (!result.hasErrors()) {
                return result;
            }
            Stream<String> details = Stream.concat(Stream.ofNullable(seen.apply(jwt)),
                    result.getErrors().stream().map(OAuth2Error::getDescription));
            String detail = details.filter(d -> d != null && !d.isBlank()).collect(Collectors.joining("; "));
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    detail.isEmpty() ? phrase : phrase + ": " + detail, null));
        };
    }

    /** The cause of a refused bearer token, from the exception Spring Security reports. */
    static TokenRefusal of(AuthenticationException refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                for (OAuth2Error error : invalid.getErrors()) {
                    for (TokenRefusal candidate : values()) {
                        String description = error.getDescription();
                        if (description != null && description.startsWith(candidate.phrase)) {
                            return candidate;
                        }
                    }
                }
                return OTHER;
            }
            if (cause instanceof com.nimbusds.jose.proc.BadJOSEException) {
                return SIGNATURE;
            }
        }
        return MALFORMED;
    }
}
