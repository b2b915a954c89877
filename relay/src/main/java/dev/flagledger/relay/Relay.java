package dev.flagledger.relay;

import dev.flagledger.relay.environment.ConfigStore;
import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.environment.EnvironmentState;
import dev.flagledger.relay.environment.EnvironmentView;
import dev.flagledger.relay.environment.Environments;
import dev.flagledger.relay.events.EventSpool;
import dev.flagledger.relay.events.SpoolForwarder;
import dev.flagledger.relay.health.HealthReport;
import dev.flagledger.relay.http.RelayHttpServer;
import dev.flagledger.relay.keys.KeyCache;
import dev.flagledger.relay.keys.KeyGrant;
import dev.flagledger.relay.stream.FanOut;
import dev.flagledger.relay.upstream.UpstreamClient;
import dev.flagledger.relay.upstream.UpstreamStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running relay: the environments it mirrors (one upstream stream each, with the relay's SDK key
 * of that environment), its key cache, its event spool and forwarder, and the HTTP server for
 * applications. Everything it keeps lives under {@code data-dir}; there is no database.
 */
public final class Relay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Relay.class.getName());
    private final RelaySettings settings;
    private final Clock clock = Clock.systemUTC();
    private final String relayId;
    private final UpstreamClient upstream;
    private final KeyCache keys;
    private final FanOut.StreamCounters counters = new FanOut.StreamCounters();
    private final ConfigStore configStore;
    private final Environments environments;
    /** The environments served, with the relay's own SDK key for each. */
    private final Map<EnvironmentId, String> relayKeys = new ConcurrentHashMap<>();
    private final Map<EnvironmentId, UpstreamStream> streams = new ConcurrentHashMap<>();
    /** Configured keys whose environment the relay does not know yet (never validated, upstream down). */
    private final Set<String> pendingKeys = ConcurrentHashMap.newKeySet();
    private final EventSpool spool;
    private final SpoolForwarder forwarder;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "relay-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final RelayHttpServer http;

    private Relay(RelaySettings settings) throws IOException, InterruptedException {
        this.settings = settings;
        Path data = settings.dataDir();
        Files.createDirectories(data);
        relayId = relayId(data.resolve("relay-id"));
        upstream = new UpstreamClient(settings.upstream());
        keys = new KeyCache(upstream, data.resolve("keys.json"), settings.keyRevalidation(), clock);
        configStore = new ConfigStore(data.resolve("environments"));
        environments = new Environments(counters, settings.maxPendingBytes(), settings.historyBytes(), clock,
                configStore::save);
        for (ConfigStore.Saved saved : configStore.loadAll()) {
            environments.getOrCreate(saved.id()).applyPut(saved.position(), saved.config(), EnvironmentView.Source.DISK,
                    saved.savedAt());
            LOG.log(System.Logger.Level.INFO, "restored " + saved.id() + " at position " + saved.position() + " from disk");
        }
        for (String secret : settings.sdkKeys()) {
            Optional<KeyGrant> known = keys.cached(secret);
            if (known.isPresent()) serve(known.get(), secret);
            else pendingKeys.add(secret);
            // Ask again in any case: the upstream may have revoked it, and an unknown one must be resolved.
            keys.validate(secret).thenAccept(lookup -> resolved(secret, lookup));
        }
        spool = new EventSpool(data.resolve("spool"), settings.fsync(), settings.idempotencyWindow(), clock);
        forwarder = new SpoolForwarder(spool, upstream, id -> Optional.ofNullable(relayKeys.get(id)), relayId,
                settings.eventLinger(), settings.maxBackoff()).start();
        long heartbeat = settings.heartbeat().toMillis();
        timers.scheduleAtFixedRate(environments::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> streams.values().forEach(UpstreamStream::checkIdle), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::retryPendingKeys, 2, 2, TimeUnit.SECONDS);
        http = new RelayHttpServer(settings.host(), settings.port(), settings.ioThreads(), keys, environments,
                relayKeys::containsKey, spool, settings.corsOrigins(), settings.sharedMaxAge(), settings.staleIfError(),
                this::healthSources);
        LOG.log(System.Logger.Level.INFO, "relay " + relayId + " listening on port " + http.port() + ", upstream "
                + settings.upstream() + ", " + settings.sdkKeys().size() + " SDK key(s), data in " + data.toAbsolutePath());
    }

    public static Relay start(RelaySettings settings) throws IOException, InterruptedException {
        return new Relay(settings);
    }

    public int port() {
        return http.port();
    }

    private void resolved(String secret, KeyCache.Lookup lookup) {
        if (lookup instanceof KeyCache.Lookup.Valid valid) {
            pendingKeys.remove(secret);
            serve(valid.grant(), secret);
        } else if (lookup instanceof KeyCache.Lookup.Refused) {
            pendingKeys.remove(secret);
            LOG.log(System.Logger.Level.ERROR, "the upstream refuses one of the relay's SDK keys (revoked or mistyped);"
                    + " its environment is not served unless it was validated before");
        }
    }

    private void retryPendingKeys() {
        for (String secret : List.copyOf(pendingKeys)) keys.validate(secret).thenAccept(lookup -> resolved(secret, lookup));
    }

    private synchronized void serve(KeyGrant grant, String secret) {
        if (!grant.isServerKey()) {
            LOG.log(System.Logger.Level.ERROR, "SDK key " + grant.id() + " of " + grant.environment()
                    + " is a CLIENT key; a relay needs SERVER keys to read configurations");
            return;
        }
        if (relayKeys.putIfAbsent(grant.environment(), secret) != null) return;
        EnvironmentState state = environments.getOrCreate(grant.environment());
        streams.put(grant.environment(), new UpstreamStream(state, secret, upstream, settings.maxBackoff(),
                settings.upstreamIdleTimeout(), clock).start());
        LOG.log(System.Logger.Level.INFO, "serving " + grant.environment() + " with SDK key " + grant.id());
    }

    private HealthReport.Sources healthSources() {
        List<EnvironmentState> served = environments.all().stream().filter(state -> relayKeys.containsKey(state.id())).toList();
        return new HealthReport.Sources(relayId, settings.upstream().toString(), served, pendingKeys.size(), spool, counters,
                keys.size(), settings.upstreamIdleTimeout());
    }

    private static String relayId(Path file) throws IOException {
        if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).strip();
        String id = UUID.randomUUID().toString();
        AtomicFiles.write(file, id.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    /** Stops taking requests, then stops mirroring, forwarding and saving, keeping everything on disk. */
    @Override
    public void close() {
        http.close();
        streams.values().forEach(UpstreamStream::close);
        timers.shutdownNow();
        forwarder.close();
        try {
            spool.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the event spool: " + e);
        }
        configStore.close();
        keys.close();
    }
}
