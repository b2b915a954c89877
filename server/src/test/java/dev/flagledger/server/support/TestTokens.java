package dev.flagledger.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens as an identity provider would issue them, signed with the test issuer's key (its
 * public half is what the test servers trust, see {@link OnH2}). Each part can be made wrong on
 * purpose: issuer, audience, expiry, signing key, or no signature at all.
 */
public final class TestTokens {
    public static final String ISSUER = "https://issuer.test/realms/flagledger";
    public static final String AUDIENCE = "flagledger-api";
    public static final String ISSUER_PROPERTY = "flagledger.auth.oidc.issuer=" + ISSUER;
    public static final String AUDIENCE_PROPERTY = "flagledger.auth.oidc.audience=" + AUDIENCE;
    public static final String KEY_PROPERTY = "flagledger.auth.oidc.public-key-location=classpath:oidc/test-issuer-public.pem";
    private static final PrivateKey ISSUER_KEY = readPrivateKey();

    private String subject = "user-" + UUID.randomUUID();
    private String name = "Test User";
    private String email;
    private String issuer = ISSUER;
    private List<String> audience = List.of(AUDIENCE);
    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
    private final List<String> realmRoles = new ArrayList<>();
    private final List<String> clientRoles = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    public static TestTokens user(String name) {
        TestTokens tokens = new TestTokens();
        tokens.name = name;
        return tokens;
    }

    public TestTokens email(String email) {
        this.email = email;
        return this;
    }

    public TestTokens realmRole(String role) {
        realmRoles.add(role);
        return this;
    }

    public TestTokens clientRole(String role) {
        clientRoles.add(role);
        return this;
    }

    public TestTokens group(String path) {
        groups.add(path);
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String... audience) {
        this.audience = List.of(audience);
        return this;
    }

    public TestTokens expiredAgo(Duration ago) {
        this.expiresAt = Instant.now().minus(ago);
        return this;
    }

    public String subject() {
        return subject;
    }

    public String signed() {
        return sign(ISSUER_KEY);
    }

    /**
     * Same claims, signed by a key the server has never seen: one key per test JVM, made at its first
     * use (an RSA key pair took 1 to 7 s of CPU in a test JVM running C1 only; AccessMatrixTest made five).
     */
    public String signedByStranger() {
        return sign(Stranger.KEY);
    }

    private static final class Stranger {
        static final PrivateKey KEY = generate();

        private static PrivateKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code alg: none}: claims with no signature at all. */
    public String unsigned() {
        return new PlainJWT(claims()).serialize();
    }

    private String sign(PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet claims() {
        Instant issuedAt = expiresAt.minus(Duration.ofMinutes(5));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (email != null) claims.claim("email", email);
        return claims
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim("name", name)
                .claim("preferred_username", name.toLowerCase().replace(' ', '.'))
                .claim("realm_access", Map.of("roles", realmRoles))
                .claim("resource_access", Map.of(AUDIENCE, Map.of("roles", clientRoles)))
                .claim("groups", groups)
                .build();
    }

    private static PrivateKey readPrivateKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/oidc/test-issuer-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test issuer key", e);
        }
    }
}
