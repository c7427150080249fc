package io.aftersales.embedded;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The signing key of the local (embedded) system: an RSA key pair made on first start in the data
 * directory, never committed anywhere. The services trust its public half; {@code ./aftersales token}
 * signs tokens with the private half. In production an OIDC provider plays this role.
 */
public final class LocalSigningKey {

    public static final String ISSUER = "aftersales-local";
    public static final String AUDIENCE = "aftersales";
    static final String PRIVATE_KEY_FILE = "security/local-signing-key.pem";
    static final String PUBLIC_KEY_FILE = "security/local-signing-key.pub.pem";

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final Path publicKeyFile;

    private LocalSigningKey(RSAPrivateKey privateKey, RSAPublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The key pair kept in {@code dataDir/security}, made there (readable by the owner only) if absent. */
    public static synchronized LocalSigningKey loadOrCreate(Path dataDir) {
        Path privateFile = dataDir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dataDir.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.createDirectories(privateFile.getParent());
                writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
                writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
            return new LocalSigningKey(privateKey, publicKey, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make or read the local signing key in " + dataDir, e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** A bearer token for {@code user} with the given roles and stores ({@code *} for every store). */
    public String issueToken(String user, List<String> roles, List<String> stores, Duration validFor) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user)
                .claim("roles", roles)
                .claim("stores", stores)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /** Signs any claims: for tests that need a token the system must refuse (expired, wrong audience). */
    public String sign(JWTClaimsSet claims) {
        return sign(JOSEObjectType.JWT, claims);
    }

    /** Signs any claims with the given {@code typ} header ({@code null} for none), such as RFC 9068's {@code at+jwt}. */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).build(), claims);
            jwt.sign(new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign token", e);
        }
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        Path temp = Files.createTempFile(file.getParent(), ".key", ".tmp");
        if (secret && temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] readPem(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
