package dev.flagledger.privacy.atrest;

import dev.flagledger.privacy.keys.Keyring;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;

/**
 * The converter upcasters read stored events through: sealed bytes are opened before they become a
 * JSON tree (or any other representation). Bytes asked for as bytes stay as stored, so copying an
 * event (migrate-store, a serialized message passed through) never decrypts it on the way.
 */
final class OpeningConverter implements Converter {
    private final Converter delegate;
    private final Keyring keyring;

    OpeningConverter(Converter delegate, Keyring keyring) {
        this.delegate = delegate;
        this.keyring = keyring;
    }

    @Override
    public boolean canConvert(Class<?> sourceType, Class<?> targetType) {
        return delegate.canConvert(sourceType, targetType);
    }

    @Override
    public <T> T convert(Object original, Class<?> sourceType, Class<T> targetType) {
        if (byte[].class.equals(sourceType) && !byte[].class.equals(targetType) && Keyring.isSealed((byte[]) original))
            original = keyring.open((byte[]) original, EncryptingSerializer.PURPOSE);
        return delegate.convert(original, sourceType, targetType);
    }

    @Override
    public <T> T convert(Object original, Class<T> targetType) {
        return convert(original, original.getClass(), targetType);
    }

    @Override
    public <T> SerializedObject<T> convert(SerializedObject<?> original, Class<T> targetType) {
        if (byte[].class.equals(targetType)) return delegate.convert(original, targetType);
        return delegate.convert(EncryptingSerializer.opened(original, keyring), targetType);
    }
}
