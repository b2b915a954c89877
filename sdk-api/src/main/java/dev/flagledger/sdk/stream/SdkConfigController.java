package dev.flagledger.sdk.stream;

import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.web.SdkPrincipal;
import dev.flagledger.sdk.web.SnapshotLoading;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Local-evaluation SDKs: the whole environment configuration with an ETag, and a Server-Sent Events
 * stream: a {@code put} of everything, then a {@code patch} per changed flag or segment. Event ids
 * are the store's global position, so {@code Last-Event-ID} resumes exactly after the last one seen.
 * Streams are written in Servlet non-blocking mode ({@link StreamConnection}): a change is one
 * rendered frame written to every stream by the thread that publishes it, with no thread per stream.
 */
@RestController
public class SdkConfigController implements DisposableBean, SmartLifecycle {
    private final EvaluationSnapshots snapshots;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sdk-stream-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final long heartbeatMillis;
    /** Open streams, ended first on shutdown so graceful shutdown does not wait out endless requests. */
    private final Set<StreamConnection> open = ConcurrentHashMap.newKeySet();
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
        open.forEach(StreamConnection::close);
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
    }

    @GetMapping("/sdk/v1/config")
    public ResponseEntity<Map<String, Object>> config(SdkPrincipal principal,
                                                      @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        EnvironmentSnapshot snapshot = snapshot(principal);
        if (snapshot.etag().equals(ifNoneMatch))
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(snapshot.etag()).build();
        return ResponseEntity.ok().eTag(snapshot.etag()).body(StreamFrames.putBody(snapshot));
    }

    @GetMapping(value = "/sdk/v1/stream", produces = "text/event-stream")
    public void stream(SdkPrincipal principal,
                       @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        String project = principal.grant().projectKey();
        String environment = principal.grant().environment();
        open(principal, request, response, StreamConnection::patch, (connection, snapshot) -> {
            Optional<List<ConfigChange>> missed = resumeFrom(lastEventId)
                    .flatMap(position -> snapshots.changesSince(project, environment, position)
                            .map(changes -> { connection.resumeAt(position); return changes; }));
            if (missed.isPresent()) {
                missed.get().forEach(connection::patch);
                // Nothing missed: a comment, so the client sees the stream is live at once.
                if (missed.get().isEmpty()) connection.comment("resumed");
            } else {
                connection.put(snapshot.position(), StreamFrames.put(snapshot));
            }
        });
    }

    /**
     * Change notices without content, for client keys (browsers): a {@code change} event with the new
     * position whenever the environment changes, and one with the current position on connect. The
     * web SDK then re-asks OFREP for its own context; rules never reach the browser.
     */
    @GetMapping(value = "/sdk/v1/changes", produces = "text/event-stream")
    public void changes(SdkPrincipal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        open(principal, request, response, (connection, change) -> connection.changed(change.position()),
                (connection, snapshot) -> connection.changed(snapshot.position()));
    }

    private void open(SdkPrincipal principal, HttpServletRequest request, HttpServletResponse response,
                      BiConsumer<StreamConnection, ConfigChange> onChange,
                      BiConsumer<StreamConnection, EnvironmentSnapshot> first) throws IOException {
        String project = principal.grant().projectKey();
        String environment = principal.grant().environment();
        snapshot(principal); // not loaded yet: 503 (SnapshotLoadingAdvice) before the stream starts
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // Headers go out now, on the request's own thread: once other threads write frames, nothing
        // may still be adding headers (Spring Security's header writer runs after the handler and
        // raced with the first frame's commit under load, breaking the response).
        response.flushBuffer();
        AsyncContext async = request.startAsync(request, response);
        ServletSseOutput output = new ServletSseOutput(async, response.getOutputStream());
        StreamConnection connection = new StreamConnection(output);
        // Subscribe first, then catch up: a change published in between is queued, and the
        // connection drops anything at or below the position it has already sent.
        Runnable unsubscribe = snapshots.subscribe(change -> {
            if (change.projectKey().equals(project) && change.environment().equals(environment))
                onChange.accept(connection, change);
        });
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(connection::heartbeat, heartbeatMillis,
                heartbeatMillis, TimeUnit.MILLISECONDS);
        open.add(connection);
        output.attach(connection, () -> {
            open.remove(connection);
            unsubscribe.run();
            heartbeat.cancel(false);
        });
        first.accept(connection, snapshot(principal));
        if (!running) connection.close();
    }

    private static Optional<Long> resumeFrom(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    private EnvironmentSnapshot snapshot(SdkPrincipal principal) {
        return snapshots.current(principal.grant().projectKey(), principal.grant().environment())
                .orElseThrow(SnapshotLoading::new);
    }
}
