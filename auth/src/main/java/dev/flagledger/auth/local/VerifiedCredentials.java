package dev.flagledger.auth.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials that passed a bcrypt check recently, remembered as SHA-256 digests (never in clear)
 * together with the hash they matched, so a password change invalidates them at once.
 */
public class VerifiedCredentials {
    private static final int MAX_ENTRIES = 1_000;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public VerifiedCredentials(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    boolean contains(String username, String password, String hash) {
        Long expiry = expiries.get(digest(username, password, hash));
        return expiry != null && expiry > clock.millis();
    }

    void remember(String username, String password, String hash) {
        if (expiries.size() >= MAX_ENTRIES) expiries.clear();
        expiries.put(digest(username, password, hash), clock.millis() + ttl.toMillis());
    }

    private static String digest(String username, String password, String hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{username, password, hash}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
