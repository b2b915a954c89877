package dev.flagledger.sdk.keys;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import dev.flagledger.graphql.change.ReadYourWrite;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keys by secret hash, in memory: every SDK request is authenticated without touching the database.
 * Rebuilt from the store at each start (its processor keeps its token in memory).
 */
@Component
@ProcessingGroup(SdkKeyDirectory.PROCESSING_GROUP)
public class SdkKeyDirectory {
    public static final String PROCESSING_GROUP = "sdk-keys";
    private final Map<String, SdkKeyGrant> byHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashById = new ConcurrentHashMap<>();
    private final ReadYourWrite waiter = new ReadYourWrite();

    @EventHandler
    void on(SdkKeyCreated event) {
        byHash.put(event.secretHash(), new SdkKeyGrant(event.keyId(), event.projectKey(), event.environment(),
                event.kind(), event.name(), event.displayPrefix(), false));
        hashById.put(event.keyId(), event.secretHash());
        wakeWaiters();
    }

    @EventHandler
    void on(SdkKeyRevoked event) {
        String hash = hashById.get(event.keyId());
        if (hash != null) byHash.computeIfPresent(hash, (h, grant) -> grant.revoke());
        wakeWaiters();
    }

    @EventHandler
    void on(SdkKeySigningRequired event) {
        String hash = hashById.get(event.keyId());
        if (hash != null) byHash.computeIfPresent(hash, (h, grant) -> grant.requiringSignatures());
        wakeWaiters();
    }

    /**
     * Takes over a directory rebuilt from the store while this one's processor is stopped (the embedded store
     * lost events this one had applied: server's InMemoryReadModels). Entries are put before the stale ones
     * are removed, so a valid secret is never refused meanwhile.
     */
    public void adopt(SdkKeyDirectory rebuilt) {
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

    /** The grant of a presented secret, revoked or not; the caller decides what revoked means. */
    public Optional<SdkKeyGrant> bySecret(String secret) {
        return Optional.ofNullable(byHash.get(SdkSecrets.hash(secret)));
    }

    public Optional<SdkKeyGrant> byId(String keyId) {
        return Optional.ofNullable(hashById.get(keyId)).map(byHash::get);
    }

    /**
     * Waits until the key with this id satisfies {@code condition} (the directory is fed by a tracking
     * processor, so a command's effect arrives a moment after the command), or until the timeout.
     */
    public Optional<SdkKeyGrant> await(String keyId, Predicate<SdkKeyGrant> condition, Duration timeout) {
        return waiter.await(() -> byId(keyId), condition, timeout);
    }

    private void wakeWaiters() {
        waiter.changed();
    }

    public List<SdkKeyGrant> ofProject(String projectKey) {
        return byHash.values().stream().filter(grant -> grant.projectKey().equals(projectKey))
                .sorted(Comparator.comparing(SdkKeyGrant::environment).thenComparing(SdkKeyGrant::name)).toList();
    }
}
