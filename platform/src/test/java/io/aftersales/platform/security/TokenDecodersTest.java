package io.aftersales.platform.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.aftersales.embedded.LocalSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The local-key mode of the decoder, through Spring Security's own authentication manager. */
class TokenDecodersTest {

    @TempDir
    static Path keys;

    private static LocalSigningKey key;

    private static LocalSigningKey key() {
        if (key == null) {
            key = LocalSigningKey.loadOrCreate(keys.resolve("ours"));
        }
        return key;
    }

    private static JwtReactiveAuthenticationManager manager(TokenProperties tokens) {
        OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties.Jwt();
        jwt.setPublicKeyLocation(new FileSystemResource(key().publicKeyFile()));
        jwt.setAudiences(List.of(LocalSigningKey.AUDIENCE));
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(
                TokenDecoders.decoder(jwt, tokens, new ClaimMapping(tokens)));
        manager.setJwtAuthenticationConverter(new ClaimMapping(tokens).authenticationConverter());
        return manager;
    }

    private static Authentication authenticate(TokenProperties tokens, String token) {
        return manager(tokens).authenticate(new BearerTokenAuthenticationToken(token)).block();
    }

    private static TokenRefusal refusal(TokenProperties tokens, String token) {
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class, () -> authenticate(tokens, token));
        assertThat(refused).as("the token must be refused").isNotNull();
        return TokenRefusal.of(refused);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("https://id.example.com").audience(LocalSigningKey.AUDIENCE)
                .subject("agent-7").claim("roles", List.of("AGENT")).claim("stores", List.of("tmall-flagship"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JWT", "at+jwt", "application/at+jwt", "AT+JWT", ""})
    void tokens_of_the_standard_access_token_types_and_untyped_ones_are_accepted(String typ) {
        String token = key().sign(typ.isEmpty() ? null : new JOSEObjectType(typ), claims().build());

        Authentication authentication = authenticate(TokenProperties.defaults(), token);

        assertThat(authentication.getName()).isEqualTo("agent-7");
        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AGENT");
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JOSE", "dpop+jwt", "logout+jwt", "secevent+jwt"})
    void a_token_of_another_type_is_refused_because_of_its_type(String typ) {
        assertThat(refusal(TokenProperties.defaults(), key().sign(new JOSEObjectType(typ), claims().build())))
                .isEqualTo(TokenRefusal.TYPE_NOT_ACCEPTED);
    }

    @Test
    void the_accepted_types_are_configurable() {
        TokenProperties onlyAccessTokens = new TokenProperties(List.of("at+jwt"), false, "roles", "", "stores", "", "sub");

        assertThat(authenticate(onlyAccessTokens, key().sign(new JOSEObjectType("at+jwt"), claims().build())).getName())
                .isEqualTo("agent-7");
        assertThat(refusal(onlyAccessTokens, key().sign(JOSEObjectType.JWT, claims().build())))
                .isEqualTo(TokenRefusal.TYPE_NOT_ACCEPTED);
        assertThat(refusal(onlyAccessTokens, key().sign(null, claims().build())))
                .isEqualTo(TokenRefusal.TYPE_NOT_ACCEPTED);
    }

    @Test
    void each_bad_token_is_refused_with_its_own_cause() {
        Instant now = Instant.now();
        TokenProperties defaults = TokenProperties.defaults();
        assertThat(refusal(defaults, key().sign(claims().audience("some-other-system").build())))
                .isEqualTo(TokenRefusal.AUDIENCE_MISMATCH);
        assertThat(refusal(defaults, key().sign(claims().issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600))).build())))
                .isEqualTo(TokenRefusal.EXPIRED);
        assertThat(refusal(defaults, LocalSigningKey.loadOrCreate(keys.resolve("theirs")).sign(claims().build())))
                .isEqualTo(TokenRefusal.SIGNATURE);
        assertThat(refusal(defaults, key().sign(claims().subject(null).build())))
                .isEqualTo(TokenRefusal.NO_ACTOR);
        assertThat(refusal(defaults, "not.a.jwt")).isEqualTo(TokenRefusal.MALFORMED);
    }

    @Test
    void the_actor_claim_is_required_as_configured() {
        TokenProperties byUsername = new TokenProperties(List.of("JWT"), true, "roles", "", "stores", "", "preferred_username");

        assertThat(refusal(byUsername, key().sign(claims().build()))).isEqualTo(TokenRefusal.NO_ACTOR);
        assertThat(authenticate(byUsername, key().sign(claims().claim("preferred_username", "alice").build())).getName())
                .isEqualTo("alice");
    }
}
