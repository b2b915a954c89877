package dev.flagledger.relay.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.relay.AtomicFiles;
import dev.flagledger.relay.Json;
import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.upstream.UpstreamClient;
import dev.flagledger.relay.upstream.UpstreamClient.Identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SDK keys the relay has seen the upstream accept, by SHA-256 of the secret (as the server keeps
 * them; the secret itself is never stored), in memory and in {@code keys.json}. A known key is
 * served at once; after {@code revalidation} its next use asks the upstream again in the background,
 * and only an explicit refusal (401/403) forgets it: while the upstream is unreachable, keys it has
 * validated keep working. Unknown keys are asked about once at a time, and refusals are remembered
 * for a while so that random keys cannot make the relay hammer its upstream.
 */
public final class KeyCache implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeyCache.class.getName());
    private static final Duration REFUSAL_MEMORY = Duration.ofSeconds(30);
    private static final int MAX_REFUSALS = 10_000;

    private final UpstreamClient upstream;
    private final Path file;
    private final Duration revalidation;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Lookup>> asking = new ConcurrentHashMap<>();
    private final ExecutorService saver = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "relay-key-cache");
        thread.setDaemon(true);
        return thread;
    });

    private record Known(KeyGrant grant, Instant validatedAt) {
    }

    /** What the relay can say about a presented key. */
    public sealed interface Lookup {
        record Valid(KeyGrant grant) implements Lookup {
        }

        record Refused() implements Lookup {
        }

        /** A key never seen, while the upstream cannot be asked. */
        record Unavailable(String problem) implements Lookup {
        }
    }

    public KeyCache(UpstreamClient upstream, Path file, Duration revalidation, Clock clock) throws IOException {
        this.upstream = upstream;
        this.file = file;
        this.revalidation = revalidation;
        this.clock = clock;
        if (Files.exists(file)) load();
    }

    public static String hash(String secret) {
        return Json.sha256(secret);
    }

    /** The grant of a secret the relay knows, without asking anyone. */
    public java.util.Optional<KeyGrant> cached(String secret) {
        return java.util.Optional.ofNullable(known.get(hash(secret))).map(Known::grant);
    }

    public int size() {
        return known.size();
    }

    public CompletableFuture<Lookup> lookup(String secret) {
        String hash = hash(secret);
        Known entry = known.get(hash);
        Instant now = clock.instant();
        if (entry != null) {
            if (Duration.between(entry.validatedAt(), now).compareTo(revalidation) > 0) ask(secret, hash);
            return CompletableFuture.completedFuture(new Lookup.Valid(entry.grant()));
        }
        Instant refusedAt = refused.get(hash);
        if (refusedAt != null && Duration.between(refusedAt, now).compareTo(REFUSAL_MEMORY) < 0)
            return CompletableFuture.completedFuture(new Lookup.Refused());
        return ask(secret, hash);
    }

    /** Asks the upstream now (one question per key at a time) and records the answer. */
    public CompletableFuture<Lookup> validate(String secret) {
        return ask(secret, hash(secret));
    }

    private CompletableFuture<Lookup> ask(String secret, String hash) {
        return asking.computeIfAbsent(hash, h -> upstream.identify(secret).thenApply(identity -> record(hash, identity))
                .whenComplete((lookup, failure) -> asking.remove(hash)));
    }

    private Lookup record(String hash, Identity identity) {
        if (identity instanceof Identity.Valid valid) {
            Known previous = known.put(hash, new Known(valid.grant(), clock.instant()));
            refused.remove(hash);
            // A new validation time alone is not worth a write; it is saved with the next change or at close.
            if (previous == null || !previous.grant().equals(valid.grant())) save();
            return new Lookup.Valid(valid.grant());
        }
        if (identity instanceof Identity.Refused) {
            if (known.remove(hash) != null) {
                LOG.log(System.Logger.Level.INFO, "the upstream no longer accepts a cached SDK key; forgotten");
                save();
            }
            if (refused.size() >= MAX_REFUSALS) refused.clear();
            refused.put(hash, clock.instant());
            return new Lookup.Refused();
        }
        String problem = ((Identity.Unavailable) identity).problem();
        Known entry = known.get(hash);
        return entry != null ? new Lookup.Valid(entry.grant()) : new Lookup.Unavailable(problem);
    }

    private void save() {
        saver.execute(this::write);
    }

    private synchronized void write() {
        Map<String, Object> content = new TreeMap<>();
        known.forEach((hash, entry) -> {
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("id", entry.grant().id());
            grant.put("projectKey", entry.grant().environment().projectKey());
            grant.put("environment", entry.grant().environment().environment());
            grant.put("kind", entry.grant().kind());
            grant.put("validatedAt", entry.validatedAt().toString());
            content.put(hash, grant);
        });
        try {
            AtomicFiles.write(file, Json.bytes(Map.of("sha256", content)));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save the key cache: " + e);
        }
    }

    private void load() throws IOException {
        JsonNode root = Json.tree(Files.readAllBytes(file));
        root.path("sha256").fields().forEachRemaining(entry -> {
            JsonNode grant = entry.getValue();
            known.put(entry.getKey(), new Known(new KeyGrant(grant.path("id").asText(),
                    new EnvironmentId(grant.path("projectKey").asText(), grant.path("environment").asText()),
                    grant.path("kind").asText()), Instant.parse(grant.path("validatedAt").asText())));
        });
    }

    @Override
    public void close() {
        saver.shutdown();
        write();
    }
}
