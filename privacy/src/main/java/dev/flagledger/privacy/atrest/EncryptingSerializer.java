package dev.flagledger.privacy.atrest;

import dev.flagledger.privacy.keys.Keyring;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Encryption at rest for everything an event storage engine writes through its serializer: payloads,
 * metadata and snapshots. It decorates the JSON serializer: serializing to bytes seals the JSON under
 * the keyring's current key ({@link Keyring#seal}); deserializing opens sealed bytes with whichever key
 * they name, and passes plain bytes (events stored before encryption was switched on) through.
 *
 * <p>Because it sits in the serializer, every engine that takes Axon's serializer (the JDBC engine on
 * H2 and PostgreSQL, the KurrentDB engine) stores the same sealed bytes, and the storage engines stay
 * unaware of it. Upcasters still apply: they ask the serializer's converter for JSON, and
 * {@link OpeningConverter} opens the stored bytes first. The audit chain hashes the stored bytes, so
 * it covers the ciphertext and verifies without the key (docs/decisions/0008).
 */
public final class EncryptingSerializer implements Serializer {
    /** The purpose bound into every event ciphertext's associated data. */
    public static final String PURPOSE = "event";
    private final Serializer delegate;
    private final Keyring keyring;
    private final Converter converter;

    public EncryptingSerializer(Serializer delegate, Keyring keyring) {
        this.delegate = delegate;
        this.keyring = keyring;
        this.converter = new OpeningConverter(delegate.getConverter(), keyring);
    }

    public Keyring keyring() {
        return keyring;
    }

    /** Whether what this serializer writes is JSON a store may index (false once it encrypts). */
    public boolean writesPlainJson() {
        return !keyring.encrypts();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        // Engines store bytes; another representation (a String, a JSON tree) has no sealed form.
        if (!keyring.encrypts() || !byte[].class.equals(expectedRepresentation))
            return delegate.serialize(object, expectedRepresentation);
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        return (SerializedObject<T>) new SimpleSerializedObject<>(keyring.seal(plain.getData(), PURPOSE), byte[].class,
                plain.getType());
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(opened(serializedObject, keyring));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return converter;
    }

    @SuppressWarnings("unchecked")
    static <S> SerializedObject<S> opened(SerializedObject<S> serialized, Keyring keyring) {
        if (serialized == null || !byte[].class.equals(serialized.getContentType())
                || !Keyring.isSealed((byte[]) serialized.getData())) return serialized;
        return (SerializedObject<S>) new SimpleSerializedObject<>(keyring.open((byte[]) serialized.getData(), PURPOSE),
                byte[].class, serialized.getType());
    }
}
