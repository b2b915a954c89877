package dev.flagledger.sdk.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SDK secrets: 32 random bytes (256 bits) from a CSPRNG, stored only as SHA-256. A slow password hash
 * buys nothing against a secret that cannot be guessed, and a fast one lets every request be
 * checked with one map look-up.
 */
public final class SdkSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SdkSecrets() {
    }

    public static String generate(SdkKeyKind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String prefix = kind == SdkKeyKind.SERVER ? "flsrv_" : "flcli_";
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** Enough to recognise a key in a list, far too little to use it. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, 10) + "…";
    }
}
