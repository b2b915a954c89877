package dev.flagledger.sdk.stream;

import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.web.SdkPrincipal;
import dev.flagledger.sdk.web.SnapshotLoading;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Local-evaluation SDKs: the whole environment configuration with an ETag, and a Server-Sent Events
 * stream: a {@code put} of everything, then a {@code patch} per changed flag or segment. Event ids
 * are the store's global position, so {@code Last-Event-ID} resumes exactly after the last one seen.
 */
@RestController
public class SdkConfigController implements DisposableBean, SmartLifecycle {
    private final EvaluationSnapshots snapshots;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sdk-stream-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    /** Writes to clients happen here, one thread per busy stream, never on the projection's thread. */
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sdk-stream-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final long heartbeatMillis;
    /** Open streams, ended first on shutdown so graceful shutdown does not wait out endless requests. */
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public SdkConfigController(EvaluationSnapshots snapshots,
                               @Value("${flagledger.sdk.heartbeat-millis:15000}") long heartbeatMillis) {
        this.snapshots = snapshots;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs before the web server's graceful shutdown phase: clients reconnect to another instance. */
    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        writers.shutdownNow();
    }

    @GetMapping("/sdk/v1/config")
    public ResponseEntity<Map<String, Object>> config(SdkPrincipal principal,
                                                      @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        EnvironmentSnapshot snapshot = snapshot(principal);
        if (snapshot.etag().equals(ifNoneMatch))
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(snapshot.etag()).build();
        return ResponseEntity.ok().eTag(snapshot.etag()).body(put(snapshot));
    }

    @GetMapping(value = "/sdk/v1/stream", produces = "text/event-stream")
    public SseEmitter stream(SdkPrincipal principal,
                             @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        String project = principal.grant().projectKey();
        String environment = principal.grant().environment();
        return open(principal, StreamConnection::patch, (connection, snapshot) -> {
            Optional<List<ConfigChange>> missed = resumeFrom(lastEventId)
                    .flatMap(position -> snapshots.changesSince(project, environment, position)
                            .map(changes -> { connection.resumeAt(position); return changes; }));
            if (missed.isPresent()) {
                missed.get().forEach(connection::patch);
                // Nothing missed: a comment, so the response (headers) goes out now rather than at the
                // first heartbeat; clients wait for headers with a deadline.
                if (missed.get().isEmpty()) connection.comment("resumed");
            } else {
                connection.put(snapshot.position(), put(snapshot));
            }
        });
    }

    /**
     * Change notices without content, for client keys (browsers): a {@code change} event with the new
     * position whenever the environment changes, and one with the current position on connect. The
     * web SDK then re-asks OFREP for its own context; rules never reach the browser.
     */
    @GetMapping(value = "/sdk/v1/changes", produces = "text/event-stream")
    public SseEmitter changes(SdkPrincipal principal) {
        return open(principal, (connection, change) -> connection.changed(change.position()),
                (connection, snapshot) -> connection.changed(snapshot.position()));
    }

    private SseEmitter open(SdkPrincipal principal, BiConsumer<StreamConnection, ConfigChange> onChange,
                            BiConsumer<StreamConnection, EnvironmentSnapshot> first) {
        String project = principal.grant().projectKey();
        String environment = principal.grant().environment();
        SseEmitter emitter = new SseEmitter(0L);
        StreamConnection connection = new StreamConnection(emitter, writers);
        // Subscribe first, then catch up: a change published in between is queued, and the
        // connection drops anything at or below the position it has already sent.
        Runnable unsubscribe = snapshots.subscribe(change -> {
            if (change.projectKey().equals(project) && change.environment().equals(environment))
                onChange.accept(connection, change);
        });
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(connection::heartbeat, heartbeatMillis,
                heartbeatMillis, TimeUnit.MILLISECONDS);
        open.add(emitter);
        Runnable close = () -> {
            open.remove(emitter);
            unsubscribe.run();
            heartbeat.cancel(false);
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        first.accept(connection, snapshot(principal));
        return emitter;
    }

    private static Optional<Long> resumeFrom(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> put(EnvironmentSnapshot snapshot) {
        Map<String, Object> body = new LinkedHashMap<>(snapshot.tree());
        body.put("position", snapshot.position());
        return body;
    }

    private EnvironmentSnapshot snapshot(SdkPrincipal principal) {
        return snapshots.current(principal.grant().projectKey(), principal.grant().environment())
                .orElseThrow(SnapshotLoading::new);
    }
}
