package dev.flagledger.server.compliance;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs compliance reports with Ed25519 (the JDK's own, no extra library): the key from
 * {@code flagledger.compliance.signing-key} (a PKCS#8 PEM private key file), else one generated at
 * the first report and kept in the database. The public key is published at
 * {@code /api/compliance/signing-key} (PEM); its id is the first 16 hex digits of SHA-256 over it.
 */
@Component
public class ReportSigner {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final String keyFile;
    private volatile Keys keys;

    public ReportSigner(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                        @Value("${flagledger.compliance.signing-key:}") String keyFile) {
        this.jdbc = jdbc;
        // The first report may run in a read-only transaction: the key is made and stored in its own.
        this.ownTransaction = transactions == null ? null : new TransactionTemplate(transactions);
        if (ownTransaction != null) ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.keyFile = keyFile;
    }

    record Keys(String keyId, PrivateKey privateKey, PublicKey publicKey) {
    }

    public String keyId() {
        return keys().keyId();
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys().publicKey().getEncoded());
    }

    /** Base64 of the Ed25519 signature over {@code bytes}. */
    public String sign(byte[] bytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys().privateKey());
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the report", e);
        }
    }

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) keys = keyFile.isBlank() ? ownTransaction.execute(status -> stored()) : fromFile(Path.of(keyFile));
                current = keys;
            }
        }
        return current;
    }

    private Keys stored() {
        var rows = jdbc.query("select private_key, public_key from compliance_signing_key order by created_at limit 1",
                (rs, row) -> new String[]{rs.getString(1), rs.getString(2)});
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (!rows.isEmpty()) {
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rows.get(0)[1])));
                return new Keys(idOf(publicKey), factory.generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(rows.get(0)[0]))), publicKey);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String id = idOf(pair.getPublic());
            // The first report may run in a read-only transaction (PostgreSQL then refuses writes): the key
            // is made in a transaction of its own.
            TransactionTemplate own = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            own.executeWithoutResult(status -> jdbc.update("insert into compliance_signing_key (key_id, private_key,"
                            + " public_key, created_at) values (?, ?, ?, ?)", id,
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), OffsetDateTime.now(ZoneOffset.UTC)));
            return stored(); // whoever inserted first wins; everyone reads the same row
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return stored();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the report signing key", e);
        }
    }

    private static Keys fromFile(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            // The public half is derived by signing nothing: Ed25519 keys in PKCS#8 v1 carry no public key,
            // so it is recomputed through a key pair generator seeded with the private bytes.
            PublicKey publicKey = publicOf((EdECPrivateKey) privateKey);
            return new Keys(idOf(publicKey), privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read flagledger.compliance.signing-key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("flagledger.compliance.signing-key is not an Ed25519 PKCS#8 key", e);
        }
    }

    private static PublicKey publicOf(EdECPrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = privateKey.getBytes().orElseThrow(() -> new GeneralSecurityException("no private key bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(new java.security.spec.NamedParameterSpec("Ed25519"), new FixedRandom(seed));
        return generator.generateKeyPair().getPublic();
    }

    private static String idOf(PublicKey key) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Hands the generator the private key's seed, so it rebuilds the same key pair. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
