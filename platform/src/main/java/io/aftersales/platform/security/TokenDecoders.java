package io.aftersales.platform.security;

import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The service's token decoder, built the way Spring Boot builds it (same properties, same
 * precedence: {@code jwk-set-uri}, then {@code issuer-uri}, then {@code public-key-location}) with
 * Spring Security's own validators, plus what Boot cannot be told: the accepted {@code typ} headers
 * ({@link JwtTypeValidator} instead of Nimbus' fixed {@code JWT}-only check, in every mode) and that
 * the token names its user. Each rule is tagged with its {@link TokenRefusal} cause. In the remote
 * modes the keys come from the issuer's JWKS, fetched lazily and fetched again whenever a token
 * names a key id not in the cached set, so a rotated key is trusted without a restart.
 */
final class TokenDecoders {

    private TokenDecoders() {
    }

    static ReactiveJwtDecoder decoder(OAuth2ResourceServerProperties.Jwt jwt, TokenProperties tokens, ClaimMapping mapping) {
        NimbusReactiveJwtDecoder decoder;
        String issuer = jwt.getIssuerUri();
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                    .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().forEach(name -> algorithms.add(algorithm(name))))
                    .validateType(false)
                    .build();
        } else if (StringUtils.hasText(issuer)) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).validateType(false).build();
        } else if (jwt.getPublicKeyLocation() != null) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(jwt))
                    .signatureAlgorithm(algorithm(jwt.getJwsAlgorithms().get(0)))
                    .validateType(false)
                    .build();
        } else {
            throw new IllegalStateException("No token issuer configured: set spring.security.oauth2.resourceserver.jwt."
                    + "issuer-uri (an OIDC provider) or public-key-location (the local key, as ./aftersales run does)");
        }
        decoder.setJwtValidator(validator(issuer, jwt.getAudiences(), tokens, mapping));
        return decoder;
    }

    /** Spring Security's default rules (expiry, certificate binding) and ours, each naming its cause. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, TokenProperties tokens,
                                               ClaimMapping mapping) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        JwtTypeValidator type = new JwtTypeValidator(tokens.acceptedTokenTypes());
        type.setAllowEmpty(tokens.acceptUntypedTokens());
        rules.add(TokenRefusal.TYPE_NOT_ACCEPTED.of(type, token -> "typ " + token.getHeaders().get("typ")));
        if (StringUtils.hasText(issuer)) {
            rules.add(TokenRefusal.ISSUER_MISMATCH.of(new JwtIssuerValidator(issuer),
                    token -> "iss " + token.getClaims().get("iss") + ", trusted " + issuer));
        }
        if (audiences != null && !audiences.isEmpty()) {
            List<OAuth2TokenValidator<Jwt>> anyAudience = audiences.stream()
                    .map(audience -> (OAuth2TokenValidator<Jwt>) new JwtAudienceValidator(audience)).toList();
            rules.add(TokenRefusal.AUDIENCE_MISMATCH.of(anyOf(anyAudience),
                    token -> "aud " + token.getAudience() + ", accepted " + audiences));
        }
        rules.add(TokenRefusal.EXPIRED.of(new JwtTimestampValidator()));
        rules.add(TokenRefusal.NO_ACTOR.of(token -> mapping.actor(token) != null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "claim " + mapping.actorClaim() + " missing", null))));
        return JwtValidators.createDefaultWithValidators(rules);
    }

    /** As Spring Boot checks audiences: the token must be for at least one of them. */
    private static OAuth2TokenValidator<Jwt> anyOf(List<OAuth2TokenValidator<Jwt>> validators) {
        return token -> validators.stream().anyMatch(v -> !v.validate(token).hasErrors())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN));
    }

    private static SignatureAlgorithm algorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalStateException("Unknown algorithm in spring.security.oauth2.resourceserver.jwt.jws-algorithms: " + name);
        }
        return algorithm;
    }

    private static RSAPublicKey publicKey(OAuth2ResourceServerProperties.Jwt jwt) {
        try {
            String pem = jwt.readPublicKey().replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the public key at " + jwt.getPublicKeyLocation(), e);
        }
    }
}
