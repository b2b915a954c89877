package dev.flagledger.privacy.subject;

import dev.flagledger.domain.privacy.PersonalValue;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals and opens personal values under one subject's key. AES-256-GCM with a synthetic nonce: the
 * nonce is an HMAC of the plain text under a second key derived from the subject key, so the same
 * value always seals to the same text. That is what lets aggregates, diffs and the audit compare
 * sealed values, and it leaks only that two sealed values of one subject are equal, which they are
 * anyway (a user key's subject is that key). Different plain texts get different nonces except with
 * probability 2^-96, so GCM's nonce-reuse failure does not arise (docs/decisions/0008).
 *
 * <p>Form: {@code pii:1:<key id>:<base64url(nonce || ciphertext || tag)>}; the associated data is the
 * key id, so a ciphertext does not open under another subject's key.
 */
final class SubjectCipher {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int NONCE_BYTES = 12;
    private final String keyId;
    private final SecretKeySpec encryption;
    private final SecretKeySpec nonces;

    SubjectCipher(String keyId, byte[] subjectKey) {
        this.keyId = keyId;
        this.encryption = new SecretKeySpec(hmac(subjectKey, "flagledger pii encryption"), "AES");
        this.nonces = new SecretKeySpec(hmac(subjectKey, "flagledger pii nonce"), "HmacSHA256");
    }

    String seal(String plain) {
        byte[] text = plain.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonces);
            byte[] nonce = Arrays.copyOf(mac.doFinal(text), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(text);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PersonalValue.PREFIX + keyId + ":" + B64.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a personal value", e);
        }
    }

    /** The plain text, or empty when the value does not authenticate under this key. */
    Optional<String> open(String ciphertext) {
        try {
            byte[] data = B64D.decode(ciphertext);
            if (data.length < NONCE_BYTES + 16) return Optional.empty();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(128, data, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException notOurs) {
            return Optional.empty();
        }
    }

    static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** A sealed value's key id and ciphertext; empty when the text is not in the sealed form. */
    record Parts(String keyId, String ciphertext) {
        static Optional<Parts> of(String value) {
            if (!PersonalValue.isSealed(value)) return Optional.empty();
            int colon = value.indexOf(':', PersonalValue.PREFIX.length());
            if (colon < 0) return Optional.empty();
            String keyId = value.substring(PersonalValue.PREFIX.length(), colon);
            if (keyId.isEmpty() || keyId.length() > 32) return Optional.empty();
            return Optional.of(new Parts(keyId, value.substring(colon + 1)));
        }
    }
}
