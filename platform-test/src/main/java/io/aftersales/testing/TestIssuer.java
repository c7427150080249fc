package io.aftersales.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenID Connect issuer for tests, on the loopback interface: a discovery document at
 * {@code <issuer>/.well-known/openid-configuration} and a JWKS with one RS256 signing key, which
 * {@link #rotate()} replaces by a new one (new {@code kid}) the way providers rotate keys. Tokens are
 * shaped by the test (any {@code typ}, any claims), so the services can be tried against what
 * Keycloak, Auth0, Okta or any RFC 9068 provider issues.
 */
public final class TestIssuer implements AutoCloseable {

    private static final String REALM_PATH = "/realms/aftersales";
    private static final String DISCOVERY = "/.well-known/openid-configuration";
    private static final String JWKS = "/protocol/openid-connect/certs";

    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile RSAKey signingKey = newKey();

    private TestIssuer(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
        server.createContext(REALM_PATH + DISCOVERY, exchange -> answer(exchange, """
                {"issuer":"%s","jwks_uri":"%s","id_token_signing_alg_values_supported":["RS256"],
                 "subject_types_supported":["public"],"response_types_supported":["code"]}"""
                .formatted(issuer, issuer + JWKS)));
        server.createContext(REALM_PATH + JWKS, exchange -> {
            jwksFetches.incrementAndGet();
            answer(exchange, new JWKSet(signingKey.toPublicJWK()).toString());
        });
    }

    /** Starts an issuer on a free loopback port. */
    public static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIssuer issuer = new TestIssuer(server);
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code issuer-uri} to give the services. */
    public String issuerUri() {
        return issuer;
    }

    /** How often the JWKS was fetched so far. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** The key the issuer signs with now, whose public half its JWKS publishes. */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** Publishes a new signing key (new {@code kid}) in place of the current one, which is returned. */
    public RSAKey rotate() {
        RSAKey old = signingKey;
        signingKey = newKey();
        return old;
    }

    /** Claims as an OIDC provider puts them into an access token for this system, valid five minutes. */
    public JWTClaimsSet.Builder accessTokenClaims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience("aftersales")
                .subject(subject)
                .claim("client_id", "aftersales-console")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs with the current key; {@code type} is the {@code typ} header ({@code at+jwt}, {@code JWT}, ...). */
    public String sign(String type, JWTClaimsSet claims) {
        return sign(signingKey, type, claims);
    }

    /** Signs with any key, such as one rotated out. */
    public static String sign(RSAKey key, String type, JWTClaimsSet claims) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(type == null ? null : new JOSEObjectType(type)).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
