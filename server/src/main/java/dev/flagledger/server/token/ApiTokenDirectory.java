package dev.flagledger.server.token;

import dev.flagledger.auth.access.Grant;
import dev.flagledger.auth.access.Permission;
import dev.flagledger.auth.token.ApiTokenAuthentication;
import dev.flagledger.auth.token.ApiTokenAuthenticator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import dev.flagledger.graphql.change.ReadYourWrite;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Tokens by secret hash, in memory, rebuilt from the store at each start (its processor keeps its
 * position in memory, as the SDK keys' does): every request with a token is checked by one map
 * look-up, and no secret is ever stored, only its SHA-256.
 */
@Component
@ProcessingGroup(ApiTokenDirectory.PROCESSING_GROUP)
public class ApiTokenDirectory implements ApiTokenAuthenticator {
    public static final String PROCESSING_GROUP = "api-tokens";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, ApiTokenView> byHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashById = new ConcurrentHashMap<>();
    private final ReadYourWrite waiter = new ReadYourWrite();
    private final Clock clock = Clock.systemUTC();

    /** {@code fl_} and 32 random bytes, base64url: 256 bits, so a fast hash is as good as a slow one. */
    static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "fl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** Enough to recognise a token in a list, far too little to use it. */
    static String displayPrefix(String secret) {
        return secret.substring(0, 9) + "…";
    }

    @EventHandler
    void on(ApiTokenCreated event, @Timestamp Instant at) {
        byHash.put(event.secretHash(), new ApiTokenView(event.tokenId(), event.name(), event.role(),
                event.projectKey(), event.environment(), event.displayPrefix(), at.atOffset(ZoneOffset.UTC),
                event.createdBySubject(), event.createdByName(),
                event.expiresAt() == null ? null : Instant.parse(event.expiresAt()).atOffset(ZoneOffset.UTC), false));
        hashById.put(event.tokenId(), event.secretHash());
        wakeWaiters();
    }

    @EventHandler
    void on(ApiTokenRevoked event) {
        String hash = hashById.get(event.tokenId());
        if (hash != null) byHash.computeIfPresent(hash, (h, token) -> token.revoke());
        wakeWaiters();
    }

    /**
     * Takes over a directory rebuilt from the store while this one's processor is stopped (the embedded store
     * lost events this one had applied: server's InMemoryReadModels). Entries are put before the stale ones
     * are removed, so a valid secret is never refused meanwhile.
     */
    public void adopt(ApiTokenDirectory rebuilt) {
        byHash.putAll(rebuilt.byHash);
        byHash.keySet().retainAll(rebuilt.byHash.keySet());
        hashById.putAll(rebuilt.hashById);
        hashById.keySet().retainAll(rebuilt.hashById.keySet());
        wakeWaiters();
    }

    @ResetHandler
    void reset() {
        byHash.clear();
        hashById.clear();
    }

    @Override
    public Optional<ApiTokenAuthentication> authenticate(String secret) {
        return Optional.ofNullable(byHash.get(hash(secret))).filter(token -> token.usableAt(clock.instant()))
                .map(token -> new ApiTokenAuthentication(token.id(), token.name(), grant(token),
                        token.createdBySubject(), token.createdByName()));
    }

    private static Grant grant(ApiTokenView token) {
        return new Grant(Permission.parse(token.role()).orElseThrow(), token.projectKey(), token.environment());
    }

    public Optional<ApiTokenView> byId(String tokenId) {
        return Optional.ofNullable(hashById.get(tokenId)).map(byHash::get);
    }

    /** Tokens of one project (every token of it, environment ones included), or all when null. */
    public List<ApiTokenView> list(String projectKey) {
        return byHash.values().stream()
                .filter(token -> projectKey == null || projectKey.equals(token.projectKey()))
                .sorted(Comparator.comparing(ApiTokenView::name).thenComparing(ApiTokenView::id)).toList();
    }

    /** Waits until the token satisfies {@code condition} (the directory trails the command a moment). */
    public Optional<ApiTokenView> await(String tokenId, Predicate<ApiTokenView> condition, Duration timeout) {
        return waiter.await(() -> byId(tokenId), condition, timeout);
    }

    private void wakeWaiters() {
        waiter.changed();
    }
}
