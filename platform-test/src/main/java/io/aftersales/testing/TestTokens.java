package io.aftersales.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.aftersales.embedded.LocalSigningKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * Bearer tokens for tests, signed with a key made for this JVM (the services under test trust its
 * public half through {@link InfrastructureIntegrationTest}), plus the tokens they must refuse.
 */
public final class TestTokens {

    private static final LocalSigningKey KEY = LocalSigningKey.loadOrCreate(tempDir("aftersales-test-key"));
    private static final LocalSigningKey OTHER_KEY = LocalSigningKey.loadOrCreate(tempDir("aftersales-other-key"));

    private TestTokens() {
    }

    /** The {@code public-key-location} the services under test are given. */
    public static String publicKeyLocation() {
        return KEY.publicKeyFile().toUri().toString();
    }

    public static String token(String user, List<String> roles, List<String> stores) {
        return KEY.issueToken(user, roles, stores, Duration.ofHours(1));
    }

    /** A valid token with the given {@code typ} header, such as RFC 9068's {@code at+jwt}. */
    public static String ofType(String type, String user, List<String> roles, List<String> stores) {
        return KEY.sign(new JOSEObjectType(type), new JWTClaimsSet.Builder(claims(user, roles, LocalSigningKey.AUDIENCE,
                Instant.now(), Instant.now().plus(Duration.ofHours(1)))).claim("stores", stores).build());
    }

    public static String admin() {
        return token("admin-test", List.of("ADMIN"), List.of());
    }

    public static String expired(String user, List<String> roles) {
        return KEY.sign(claims(user, roles, LocalSigningKey.AUDIENCE, Instant.now().minus(Duration.ofHours(2)),
                Instant.now().minus(Duration.ofHours(1))));
    }

    public static String signedByAnotherKey(String user, List<String> roles) {
        return OTHER_KEY.issueToken(user, roles, List.of("*"), Duration.ofHours(1));
    }

    public static String forAnotherAudience(String user, List<String> roles) {
        return KEY.sign(claims(user, roles, "some-other-system", Instant.now(), Instant.now().plus(Duration.ofHours(1))));
    }

    private static JWTClaimsSet claims(String user, List<String> roles, String audience, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(LocalSigningKey.ISSUER)
                .audience(audience)
                .subject(user)
                .claim("roles", roles)
                .claim("stores", List.of("*"))
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
