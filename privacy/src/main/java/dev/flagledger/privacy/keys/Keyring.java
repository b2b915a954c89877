package dev.flagledger.privacy.keys;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The encryption-at-rest keys: AES keys by id, one of them current. New data is sealed under the
 * current key; anything sealed earlier names its key id in its stored form, so it stays readable as
 * long as that key is in the ring (rotation adds a key and makes it current; it never re-encrypts).
 *
 * <p>Stored form ({@link #seal}): {@code 0x00 'F' 'L' 'E' 0x01}, the key id's length (one byte) and
 * its ASCII bytes, a 12-byte random nonce, then AES-GCM ciphertext with its 16-byte tag. The first
 * byte 0x00 can never start JSON text, so sealed and plain data are told apart without a flag column,
 * and a store may hold both (encryption switched on later, or events written before it).
 * The associated data is the caller's purpose label plus the key id, so bytes sealed for one purpose
 * (an event payload) do not open as another (a wrapped subject key).
 */
public final class Keyring {
    /** No keys: nothing is sealed, and sealed data cannot be opened. */
    public static final Keyring NONE = new Keyring(Map.of(), null);
    private static final byte[] MAGIC = {0x00, 'F', 'L', 'E', 0x01};
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String currentId;

    private Keyring(Map<String, SecretKey> keys, String currentId) {
        this.keys = keys;
        this.currentId = currentId;
    }

    /**
     * A ring of raw keys by id (insertion order kept); {@code currentId} null means the last one.
     * Keys must be 16, 24 or 32 bytes (AES-128/192/256).
     */
    public static Keyring of(Map<String, byte[]> rawKeys, String currentId) {
        if (rawKeys.isEmpty()) {
            if (currentId != null && !currentId.isBlank())
                throw new KeyringException("current encryption key " + currentId + " is set but no keys are configured");
            return NONE;
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String last = null;
        for (Map.Entry<String, byte[]> key : rawKeys.entrySet()) {
            if (!KEY_ID.matcher(key.getKey()).matches())
                throw new KeyringException("encryption key id must match " + KEY_ID + ": " + key.getKey());
            int length = key.getValue().length;
            if (length != 16 && length != 24 && length != 32)
                throw new KeyringException("encryption key " + key.getKey() + " must be 16, 24 or 32 bytes, not " + length);
            keys.put(key.getKey(), new SecretKeySpec(key.getValue().clone(), "AES"));
            last = key.getKey();
        }
        String current = currentId == null || currentId.isBlank() ? last : currentId.strip();
        if (!keys.containsKey(current))
            throw new KeyringException("current encryption key " + current + " is not among the configured keys " + keys.keySet());
        return new Keyring(Collections.unmodifiableMap(keys), current);
    }

    /** Whether new data is sealed at all. */
    public boolean encrypts() {
        return currentId != null;
    }

    public Optional<String> currentKeyId() {
        return Optional.ofNullable(currentId);
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The raw key with this id, for keys derived from it (lookups); empty when unknown. */
    public Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Whether {@code data} is in the sealed form (it may still name a key this ring lacks). */
    public static boolean isSealed(byte[] data) {
        if (data == null || data.length < MAGIC.length + 1) return false;
        for (int i = 0; i < MAGIC.length; i++) if (data[i] != MAGIC[i]) return false;
        return true;
    }

    /** The id of the key that sealed {@code data}; empty when it is not sealed. */
    public static Optional<String> keyIdOf(byte[] data) {
        if (!isSealed(data)) return Optional.empty();
        int length = data[MAGIC.length] & 0xff;
        if (data.length < MAGIC.length + 1 + length) throw new KeyringException("truncated sealed data");
        return Optional.of(new String(data, MAGIC.length + 1, length, StandardCharsets.US_ASCII));
    }

    /** Sealed under the current key; the plain bytes unchanged when the ring has no keys. */
    public byte[] seal(byte[] plain, String purpose) {
        if (currentId == null) return plain;
        byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(purpose, currentId));
            byte[] sealed = cipher.doFinal(plain);
            ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 1 + id.length + NONCE_BYTES + sealed.length);
            out.write(MAGIC);
            out.write(id.length);
            out.write(id);
            out.write(nonce);
            out.write(sealed);
            return out.toByteArray();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new KeyringException("cannot encrypt with key " + currentId, e);
        }
    }

    /**
     * The plain bytes of sealed data; data that is not sealed is returned as it is. Fails, naming the
     * key, when the key is not in the ring or the data (or its purpose) does not authenticate.
     */
    public byte[] open(byte[] data, String purpose) {
        if (!isSealed(data)) return data;
        String id = keyIdOf(data).orElseThrow();
        SecretKey key = keys.get(id);
        if (key == null)
            throw new KeyringException("data is encrypted with key " + id + ", which is not among the configured keys "
                    + keys.keySet() + " (keep retired keys in the ring: old events still need them)");
        int offset = MAGIC.length + 1 + id.length();
        if (data.length < offset + NONCE_BYTES + TAG_BITS / 8) throw new KeyringException("truncated sealed data");
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(data, offset,
                    offset + NONCE_BYTES)));
            cipher.updateAAD(associatedData(purpose, id));
            return cipher.doFinal(data, offset + NONCE_BYTES, data.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException tampered) {
            throw new KeyringException("data sealed with key " + id + " does not authenticate (altered, or sealed for"
                    + " another purpose than " + purpose + ")", tampered);
        } catch (GeneralSecurityException e) {
            throw new KeyringException("cannot decrypt with key " + id, e);
        }
    }

    private static byte[] associatedData(String purpose, String keyId) {
        return ("flagledger:" + purpose + ":" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Keyring" + keys.keySet() + (currentId == null ? "" : " current " + currentId); // never the keys
    }
}
