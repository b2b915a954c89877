package dev.flagledger.server.eventstore;

import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.privacy.keys.KeyringConfig;

import java.util.Arrays;
import java.util.Base64;

/** Keyrings before and after a rotation: {@code k1} alone, then {@code k1} and {@code k2} with k2 current. */
final class TestKeyrings {
    static final String K1 = "k1=" + key((byte) 1);
    static final String K2 = "k2=" + key((byte) 2);
    static final Keyring BEFORE_ROTATION = KeyringConfig.load(K1, null, null);
    static final Keyring AFTER_ROTATION = KeyringConfig.load(K1 + "," + K2, null, null);
    static final Keyring ONLY_NEW_KEY = KeyringConfig.load(K2, null, null);

    private TestKeyrings() {
    }

    private static String key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
