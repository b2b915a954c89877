package dev.flagledger.relay.environment;

import dev.flagledger.sdk.sse.SseFrames;
import dev.flagledger.relay.stream.FanOut;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The environments this relay mirrors, by project and environment key. */
public final class Environments {
    private final Map<EnvironmentId, EnvironmentState> states = new ConcurrentHashMap<>();
    private final FanOut.StreamCounters counters;
    private final long maxPendingBytes;
    private final long historyBytes;
    private final Clock clock;
    private final Consumer<EnvironmentState> changed;

    public Environments(FanOut.StreamCounters counters, long maxPendingBytes, long historyBytes, Clock clock,
                        Consumer<EnvironmentState> changed) {
        this.counters = counters;
        this.maxPendingBytes = maxPendingBytes;
        this.historyBytes = historyBytes;
        this.clock = clock;
        this.changed = changed;
    }

    public EnvironmentState getOrCreate(EnvironmentId id) {
        return states.computeIfAbsent(id, key -> new EnvironmentState(key, new FanOut(counters, maxPendingBytes), historyBytes,
                clock, changed));
    }

    public Optional<EnvironmentState> get(EnvironmentId id) {
        return Optional.ofNullable(states.get(id));
    }

    public Collection<EnvironmentState> all() {
        return List.copyOf(states.values());
    }

    /** A heartbeat comment on every open stream of every environment. */
    public void heartbeat() {
        states.values().forEach(state -> state.fanOut().heartbeat(SseFrames.HEARTBEAT));
    }
}
