package dev.flagledger.privacy.subject;

import dev.flagledger.domain.privacy.DataSubjectKind;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.privacy.keys.Keyring;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-subject keys of personal data (table {@code subject_key}, V70) and what they seal.
 *
 * <ul>
 *   <li>A subject (an actor, or an end user named by a targeting key) gets a random 256-bit key and a
 *   random key id the first time a value of theirs is sealed. The row is found again by a keyed hash
 *   of the subject (its {@code lookup}), never by the subject in plain text; the key itself is sealed
 *   under the encryption-at-rest keyring when one is configured.</li>
 *   <li>Erasing deletes the row. Values sealed under it carry only the random key id, which then
 *   points at nothing, and they read as {@link PersonalValue#ERASED}.</li>
 *   <li>Keys are cached for {@value #CACHE_SECONDS} s so reads do not query per value; an erasure
 *   evicts at once on this server, and every server's evaluation snapshot evicts when it sees the
 *   erasure event. A key id once found erased stays erased (ids are never reused).</li>
 * </ul>
 */
public class SubjectVault {
    static final int CACHE_SECONDS = 30;
    private static final Duration CACHE = Duration.ofSeconds(CACHE_SECONDS);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DEFAULT_LOOKUP_KEY = sha256("flagledger subject lookup (no keyring configured)");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Keyring keyring;
    private final Clock clock;
    private final Map<String, Cached<SubjectCipher>> ciphers = new ConcurrentHashMap<>();
    private final Map<String, Cached<String>> keyIds = new ConcurrentHashMap<>();

    public SubjectVault(JdbcTemplate jdbc, PlatformTransactionManager transactions, Keyring keyring, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.keyring = keyring;
        this.clock = clock;
    }

    /** A subject's key: its id and when it was made. */
    public record KeyInfo(String keyId, Instant createdAt) {
    }

    /** {@code plain} sealed under the subject's key, which is created (in its own transaction) if needed. */
    public String seal(DataSubjectKind kind, String subjectId, String plain) {
        String keyId = keyIdOf(kind, subjectId, true).orElseThrow();
        return cipher(keyId).orElseThrow(() -> new IllegalStateException("subject key " + keyId + " vanished"))
                .seal(plain);
    }

    /** As {@link #seal}, but only when the subject already has a key: how a search finds their values. */
    public Optional<String> sealIfKnown(DataSubjectKind kind, String subjectId, String plain) {
        return keyIdOf(kind, subjectId, false).flatMap(this::cipher).map(cipher -> cipher.seal(plain));
    }

    /** A value's plain text: as it is when not sealed, {@link PersonalValue#ERASED} when its key is gone. */
    public String open(String value) {
        Optional<SubjectCipher.Parts> parts = SubjectCipher.Parts.of(value);
        if (parts.isEmpty()) return value;
        return cipher(parts.get().keyId()).flatMap(cipher -> cipher.open(parts.get().ciphertext()))
                .orElse(PersonalValue.ERASED);
    }

    /** Whether a value is sealed under a key that still exists. */
    public boolean opens(String value) {
        return SubjectCipher.Parts.of(value).flatMap(parts -> cipher(parts.keyId())
                .flatMap(cipher -> cipher.open(parts.ciphertext()))).isPresent();
    }

    /** The key id a sealed value names; empty for a plain value. */
    public static Optional<String> keyIdOf(String value) {
        return SubjectCipher.Parts.of(value).map(SubjectCipher.Parts::keyId);
    }

    public Optional<KeyInfo> find(DataSubjectKind kind, String subjectId) {
        return row(kind, subjectId);
    }

    /**
     * Deletes the subject's key in the caller's transaction; empty when they have none. Caches forget it
     * when that transaction commits.
     */
    public Optional<KeyInfo> delete(DataSubjectKind kind, String subjectId) {
        Optional<KeyInfo> key = row(kind, subjectId);
        key.ifPresent(found -> {
            jdbc.update("delete from subject_key where key_id = ?", found.keyId());
            keyIds.remove(subjectRef(kind, subjectId));
            if (TransactionSynchronizationManager.isSynchronizationActive())
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        forget(found.keyId());
                    }
                });
            else forget(found.keyId());
        });
        return key;
    }

    /** Drops a key from the caches (after its erasure, here or on another server). */
    public void forget(String keyId) {
        ciphers.put(keyId, new Cached<>(null, Long.MAX_VALUE));
        keyIds.values().removeIf(cached -> keyId.equals(cached.value()));
    }

    private Optional<String> keyIdOf(DataSubjectKind kind, String subjectId, boolean create) {
        String ref = subjectRef(kind, subjectId);
        Cached<String> cached = keyIds.get(ref);
        if (cached != null && cached.fresh()) return Optional.of(cached.value());
        Optional<String> found = row(kind, subjectId).map(KeyInfo::keyId);
        if (found.isEmpty() && create) found = Optional.of(create(kind, subjectId));
        found.ifPresent(keyId -> keyIds.put(ref, new Cached<>(keyId, expiry())));
        return found;
    }

    private String create(DataSubjectKind kind, String subjectId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update("insert into subject_key (key_id, lookup,"
                            + " subject_kind, key_material, created_at) values (?, ?, ?, ?, ?)", keyId,
                    lookups(kind, subjectId).get(0), kind.name(), keyring.seal(key, purpose(keyId)),
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
            return keyId;
        } catch (DuplicateKeyException raced) {
            // Another request created this subject's key first: use theirs.
            return row(kind, subjectId).map(KeyInfo::keyId).orElseThrow(() -> raced);
        }
    }

    private Optional<KeyInfo> row(DataSubjectKind kind, String subjectId) {
        List<String> lookups = lookups(kind, subjectId);
        String marks = String.join(", ", java.util.Collections.nCopies(lookups.size(), "?"));
        return jdbc.query("select key_id, created_at from subject_key where lookup in (" + marks + ")",
                (rs, row) -> new KeyInfo(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()),
                lookups.toArray()).stream().findFirst();
    }

    private Optional<SubjectCipher> cipher(String keyId) {
        Cached<SubjectCipher> cached = ciphers.get(keyId);
        if (cached != null && cached.fresh()) return Optional.ofNullable(cached.value());
        List<byte[]> material = jdbc.query("select key_material from subject_key where key_id = ?",
                (rs, row) -> rs.getBytes(1), keyId);
        SubjectCipher cipher = material.isEmpty() ? null
                : new SubjectCipher(keyId, keyring.open(material.get(0), purpose(keyId)));
        // A missing key is erased for good (ids are random and never reused): remember that forever.
        ciphers.put(keyId, new Cached<>(cipher, cipher == null ? Long.MAX_VALUE : expiry()));
        return Optional.ofNullable(cipher);
    }

    /**
     * The keyed hashes a subject's row may be stored under: one per keyring key (the current one first,
     * so new rows use it) and the unkeyed default for rows made before any keyring was configured.
     */
    private List<String> lookups(DataSubjectKind kind, String subjectId) {
        byte[] subject = subjectRef(kind, subjectId).getBytes(StandardCharsets.UTF_8);
        List<String> lookups = new ArrayList<>();
        keyring.currentKeyId().flatMap(keyring::key).ifPresent(key -> lookups.add(lookup(key.getEncoded(), subject)));
        for (String id : keyring.keyIds()) {
            String candidate = lookup(keyring.key(id).orElseThrow().getEncoded(), subject);
            if (!lookups.contains(candidate)) lookups.add(candidate);
        }
        lookups.add(HexFormat.of().formatHex(SubjectCipher.hmac(DEFAULT_LOOKUP_KEY, new String(subject,
                StandardCharsets.UTF_8))));
        return lookups;
    }

    private static String lookup(byte[] keyringKey, byte[] subject) {
        byte[] lookupKey = SubjectCipher.hmac(keyringKey, "flagledger subject lookup");
        return HexFormat.of().formatHex(SubjectCipher.hmac(lookupKey, new String(subject, StandardCharsets.UTF_8)));
    }

    private static String subjectRef(DataSubjectKind kind, String subjectId) {
        return kind.name() + ":" + subjectId;
    }

    private static String purpose(String keyId) {
        return "subject-key:" + keyId;
    }

    private long expiry() {
        return System.nanoTime() + CACHE.toNanos();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Cached<T>(T value, long expiresAtNanos) {
        boolean fresh() {
            return expiresAtNanos == Long.MAX_VALUE || System.nanoTime() - expiresAtNanos < 0;
        }
    }
}
