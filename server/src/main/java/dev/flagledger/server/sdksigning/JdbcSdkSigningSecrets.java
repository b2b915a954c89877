package dev.flagledger.server.sdksigning;

import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.sdk.keys.SdkSigningSecrets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing secrets in {@code sdk_signing_secret} (V72), sealed under the at-rest keyring when configured.
 * Signed SDK requests read them often, so they are cached for {@value #CACHE_SECONDS} s: a rotated
 * secret replaces the old one within that time on every server.
 */
@Component
class JdbcSdkSigningSecrets implements SdkSigningSecrets {
    static final int CACHE_SECONDS = 10;
    private final JdbcTemplate jdbc;
    private final Keyring keyring;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    JdbcSdkSigningSecrets(JdbcTemplate jdbc, Keyring keyring, Clock clock) {
        this.jdbc = jdbc;
        this.keyring = keyring;
        this.clock = clock;
    }

    @Override
    public void store(String keyId, String secret) {
        byte[] sealed = keyring.seal(secret.getBytes(StandardCharsets.UTF_8), purpose(keyId));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        if (jdbc.update("update sdk_signing_secret set secret = ?, updated_at = ? where key_id = ?", sealed, now, keyId) == 0)
            jdbc.update("insert into sdk_signing_secret (key_id, secret, updated_at) values (?, ?, ?)", keyId, sealed, now);
        cache.remove(keyId);
    }

    @Override
    public Optional<String> secret(String keyId) {
        Cached cached = cache.get(keyId);
        if (cached != null && System.nanoTime() - cached.expiresAt() < 0) return Optional.ofNullable(cached.secret());
        String secret = jdbc.query("select secret from sdk_signing_secret where key_id = ?", (rs, row) -> rs.getBytes(1), keyId)
                .stream().findFirst()
                .map(bytes -> new String(keyring.open(bytes, purpose(keyId)), StandardCharsets.UTF_8)).orElse(null);
        cache.put(keyId, new Cached(secret, System.nanoTime() + Duration.ofSeconds(CACHE_SECONDS).toNanos()));
        return Optional.ofNullable(secret);
    }

    private static String purpose(String keyId) {
        return "sdk-signing-secret:" + keyId;
    }

    private record Cached(String secret, long expiresAt) {
    }
}
