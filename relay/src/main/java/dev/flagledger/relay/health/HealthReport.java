package dev.flagledger.relay.health;

import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.environment.EnvironmentState;
import dev.flagledger.relay.environment.EnvironmentView;
import dev.flagledger.relay.events.EventSpool;
import dev.flagledger.relay.stream.FanOut;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /health} and {@code /metrics} say: per environment, the position held, where it came
 * from, whether the upstream stream is open and how stale the data may be; the event spool; the
 * streams. {@code DOWN} (503) only when an environment has nothing to serve; {@code STALE} (200)
 * when the relay serves data it cannot currently confirm.
 */
public final class HealthReport {
    /** What the report reads from the running relay. */
    public record Sources(String relayId, String upstream, Collection<EnvironmentState> environments,
                          int pendingKeys, EventSpool spool, FanOut.StreamCounters streams, int cachedKeys,
                          Duration idleTimeout) {
    }

    public enum Status { UP, STALE, DOWN }

    public record Report(Status status, Map<String, Object> body) {
        public int httpStatus() {
            return status == Status.DOWN ? 503 : 200;
        }
    }

    private HealthReport() {
    }

    public static Report of(Sources sources) {
        List<Map<String, Object>> environments = new ArrayList<>();
        Status status = sources.environments().isEmpty() || sources.pendingKeys() > 0 ? Status.DOWN : Status.UP;
        List<EnvironmentState> sorted = sources.environments().stream()
                .sorted(Comparator.comparing(state -> state.id().toString())).toList();
        for (EnvironmentState state : sorted) {
            Map<String, Object> environment = new LinkedHashMap<>();
            environment.put("projectKey", state.id().projectKey());
            environment.put("environment", state.id().environment());
            Optional<EnvironmentView> view = state.view();
            Optional<Duration> stale = state.staleness(sources.idleTimeout());
            environment.put("position", view.map(EnvironmentView::position).orElse(null));
            environment.put("source", view.map(v -> v.source().name()).orElse(null));
            environment.put("asOf", view.map(v -> v.asOf().toString()).orElse(null));
            environment.put("connected", state.connected());
            environment.put("staleSeconds", stale.map(Duration::toSeconds).orElse(null));
            environment.put("flags", view.map(EnvironmentView::flags).orElse(0));
            environment.put("segments", view.map(EnvironmentView::segments).orElse(0));
            environment.put("streams", state.streams());
            environment.put("upstreamProblem", state.upstreamProblem().orElse(null));
            environments.add(environment);
            if (view.isEmpty()) status = Status.DOWN;
            else if (status == Status.UP && stale.map(d -> !d.isZero()).orElse(true)) status = Status.STALE;
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (var spool : sources.spool().status()) {
            Map<String, Object> environment = new LinkedHashMap<>();
            environment.put("projectKey", spool.id().projectKey());
            environment.put("environment", spool.id().environment());
            environment.put("pending", spool.pendingEvents());
            environment.put("inflight", spool.inflight());
            environment.put("forwarded", spool.forwardedEvents());
            environment.put("rejected", spool.rejectedEvents());
            environment.put("problem", spool.lastProblem());
            events.add(environment);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.name());
        body.put("relayId", sources.relayId());
        body.put("upstream", sources.upstream());
        body.put("environments", environments);
        body.put("pendingKeys", sources.pendingKeys());
        body.put("streams", Map.of("open", sources.streams().open(), "droppedSlow", sources.streams().dropped()));
        body.put("events", events);
        body.put("keys", Map.of("cached", sources.cachedKeys()));
        body.put("heap", Map.of("used", heap.getUsed(), "max", heap.getMax()));
        return new Report(status, body);
    }

    /** The same figures in the Prometheus text format. */
    public static String metrics(Sources sources) {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE flagledger_relay_streams_open gauge\nflagledger_relay_streams_open ")
                .append(sources.streams().open()).append('\n');
        out.append("# TYPE flagledger_relay_streams_dropped_total counter\nflagledger_relay_streams_dropped_total ")
                .append(sources.streams().dropped()).append('\n');
        out.append("# TYPE flagledger_relay_environment_position gauge\n");
        out.append("# TYPE flagledger_relay_environment_stale_seconds gauge\n");
        for (EnvironmentState state : sources.environments()) {
            String labels = labels(state.id());
            state.view().ifPresent(view -> out.append("flagledger_relay_environment_position").append(labels).append(' ')
                    .append(view.position()).append('\n'));
            state.staleness(sources.idleTimeout()).ifPresent(stale -> out.append("flagledger_relay_environment_stale_seconds")
                    .append(labels).append(' ').append(stale.toSeconds()).append('\n'));
        }
        out.append("# TYPE flagledger_relay_events_pending gauge\n");
        out.append("# TYPE flagledger_relay_events_forwarded_total counter\n");
        for (var spool : sources.spool().status()) {
            String labels = labels(spool.id());
            out.append("flagledger_relay_events_pending").append(labels).append(' ').append(spool.pendingEvents()).append('\n');
            out.append("flagledger_relay_events_forwarded_total").append(labels).append(' ').append(spool.forwardedEvents())
                    .append('\n');
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.append("# TYPE jvm_heap_used_bytes gauge\njvm_heap_used_bytes ").append(heap.getUsed()).append('\n');
        return out.toString();
    }

    private static String labels(EnvironmentId id) {
        return "{project=\"" + id.projectKey() + "\",environment=\"" + id.environment() + "\"}";
    }
}
