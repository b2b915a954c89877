package dev.flagledger.relay.environment;

import dev.flagledger.sdk.sse.SseFrames;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.format.ConfigTreeReader;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.relay.Json;
import dev.flagledger.relay.stream.FanOut;
import io.netty.channel.Channel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One mirrored environment: the flags and segments as the upstream sent them (raw JSON per key), the
 * compiled view OFREP reads, a bounded history of patches for Last-Event-ID, and the streams open on
 * it. Changes arrive from one upstream thread; every change happens under one lock together with
 * its fan-out, and subscriptions take the same lock, so a subscriber sees each position exactly
 * once, in order.
 */
public final class EnvironmentState {
    /** Patches kept for resumption (as on the server), and at most {@code historyBytes} of them. */
    static final int HISTORY = 1_000;

    private final EnvironmentId id;
    private final FanOut fanOut;
    private final Clock clock;
    private final Consumer<EnvironmentState> changed;
    private final Object lock = new Object();
    /** Each flag and segment as the upstream sent it (passed on as is) and as read for compiling (read once). */
    private final Map<String, String> flags = new TreeMap<>();
    private final Map<String, String> segments = new TreeMap<>();
    private final Map<String, Definition> flagDefinitions = new TreeMap<>();
    private final Map<String, Definition> segmentDefinitions = new TreeMap<>();
    private final Deque<Patch> history = new ArrayDeque<>();
    private final long historyBytes;
    private long historySize;
    /** Every change after this position is in {@link #history}: resuming from here or later is exact. */
    private long historyStart;
    private volatile EnvironmentView view;
    private volatile Instant lastContact;
    private volatile boolean connected;
    private volatile String upstreamProblem;

    private record Patch(long position, byte[] frame) {
    }

    /** One flag or segment read for the compiler: valid, or the reason it is not (it answers PARSE_ERROR). */
    private record Definition(Object valid, String invalid) {
    }

    /**
     * @param historyBytes the patches kept for resumption are bounded in bytes too: a client further
     *                     behind than they reach gets a fresh put, which is always correct
     */
    public EnvironmentState(EnvironmentId id, FanOut fanOut, long historyBytes, Clock clock,
                            Consumer<EnvironmentState> changed) {
        this.id = id;
        this.historyBytes = historyBytes;
        this.fanOut = fanOut;
        this.clock = clock;
        this.changed = changed;
    }

    public EnvironmentId id() {
        return id;
    }

    /** What OFREP and the config download serve now; empty until the first put (or the disk copy). */
    public Optional<EnvironmentView> view() {
        return Optional.ofNullable(view);
    }

    /** The position to resume the upstream stream from, if the relay holds any data. */
    public Optional<Long> position() {
        EnvironmentView current = view;
        return current == null ? Optional.empty() : Optional.of(current.position());
    }

    /**
     * A whole configuration: from the upstream's {@code put}, or from disk at start. One at or below
     * the held position is ignored (an upstream still replaying its store must not take the relay
     * back); a newer one replaces everything and goes to every stream as a fresh {@code put}.
     *
     * @param config {@code {"flags": {...}, "segments": {...}, ...}}
     * @return whether it was applied
     */
    public boolean applyPut(long position, String config, EnvironmentView.Source source, Instant asOf) {
        JsonNode root = Json.tree(config);
        if (!root.isObject()) throw new IllegalArgumentException("a put must be a JSON object");
        synchronized (lock) {
            EnvironmentView current = view;
            if (current != null && position <= current.position()) return false;
            flags.clear();
            segments.clear();
            flagDefinitions.clear();
            segmentDefinitions.clear();
            root.path("flags").fields().forEachRemaining(entry -> set("flags", entry.getKey(), entry.getValue().toString()));
            root.path("segments").fields().forEachRemaining(entry -> set("segments", entry.getKey(), entry.getValue().toString()));
            EnvironmentView next = build(position, source, asOf);
            history.clear();
            historySize = 0;
            historyStart = position;
            view = next;
            if (current != null) fanOut.publish(new FanOut.Frames(position, next.putFrame(), SseFrames.change(position)));
        }
        changed.accept(this);
        return true;
    }

    /**
     * One changed flag or segment ({@code {"kind", "key", "position", "value"}}; value null = gone).
     *
     * @param data the event's data exactly as received; it is passed on unchanged
     * @return false when it is older than what is held (already applied) or there is nothing to patch yet
     */
    public boolean applyPatch(long position, String data) {
        PatchReader.Patch patch = PatchReader.read(data);
        synchronized (lock) {
            EnvironmentView current = view;
            if (current == null || position <= current.position()) return false;
            set(patch.flag() ? "flags" : "segments", patch.key(), patch.value());
            EnvironmentView next = build(position, EnvironmentView.Source.UPSTREAM, clock.instant());
            byte[] frame = SseFrames.event("patch", position, data);
            history.addLast(new Patch(position, frame));
            historySize += frame.length;
            while (history.size() > HISTORY || (historySize > historyBytes && history.size() > 1)) {
                Patch dropped = history.removeFirst();
                historySize -= dropped.frame().length;
                historyStart = dropped.position();
            }
            view = next;
            fanOut.publish(new FanOut.Frames(position, frame, SseFrames.change(position)));
        }
        changed.accept(this);
        return true;
    }

    /**
     * Opens a stream on a channel whose response head is written: a config stream gets the
     * patches after {@code lastEventId} when the history reaches back that far (nothing when the
     * client is as new as the relay, or newer), else a {@code put}; a change-notice stream gets
     * the current position. Must run on the channel's event loop.
     *
     * @return false when the relay holds no data for the environment yet
     */
    public boolean subscribe(Channel channel, boolean configStream, Long lastEventId) {
        synchronized (lock) {
            EnvironmentView current = view;
            if (current == null) return false;
            List<byte[]> first = new ArrayList<>();
            long sentUpTo = current.position();
            if (!configStream) {
                first.add(SseFrames.change(current.position()));
            } else if (lastEventId != null && lastEventId >= historyStart) {
                for (Patch patch : history) if (patch.position() > lastEventId) first.add(patch.frame());
                sentUpTo = Math.max(lastEventId, current.position());
            } else {
                first.add(current.putFrame());
            }
            fanOut.subscribe(channel, configStream, sentUpTo, first);
            return true;
        }
    }

    /** The upstream stream is open: what the relay holds is current. */
    public void upstreamConnected() {
        connected = true;
        upstreamProblem = null;
        lastContact = clock.instant();
    }

    /** Anything from the upstream (an event, a heartbeat) proves the data is still current. */
    public void upstreamContact() {
        lastContact = clock.instant();
    }

    public void upstreamLost(String problem) {
        connected = false;
        upstreamProblem = problem;
    }

    public boolean connected() {
        return connected;
    }

    public Optional<String> upstreamProblem() {
        return Optional.ofNullable(upstreamProblem);
    }

    /**
     * How long the data may have been out of date: zero while the upstream stream is open and
     * talking, otherwise the time since it last was (or since the disk copy was saved).
     */
    public Optional<java.time.Duration> staleness(java.time.Duration idleTimeout) {
        EnvironmentView current = view;
        if (current == null) return Optional.empty();
        Instant now = clock.instant();
        Instant known = lastContact != null ? lastContact : current.asOf();
        if (connected && java.time.Duration.between(known, now).compareTo(idleTimeout) <= 0)
            return Optional.of(java.time.Duration.ZERO);
        return Optional.of(java.time.Duration.between(known, now).isNegative() ? java.time.Duration.ZERO
                : java.time.Duration.between(known, now));
    }

    public int streams() {
        return fanOut.size();
    }

    FanOut fanOut() {
        return fanOut;
    }

    /**
     * Holds one flag ({@code "flags"}) or segment ({@code "segments"}), or forgets it (json null), and
     * reads it for the compiler once, here, rather than at every change of the environment.
     */
    private void set(String kind, String key, String json) {
        Map<String, String> raw = kind.equals("flags") ? flags : segments;
        Map<String, Definition> definitions = kind.equals("flags") ? flagDefinitions : segmentDefinitions;
        if (json == null) {
            raw.remove(key);
            definitions.remove(key);
            return;
        }
        raw.put(key, json);
        EnvironmentDefinition read = ConfigTreeReader.read(Map.of(kind, Map.of(key, Json.plain(json))));
        Map<String, String> invalid = kind.equals("flags") ? read.invalidFlags() : read.invalidSegments();
        List<?> valid = kind.equals("flags") ? read.flags() : read.segments();
        definitions.put(key, valid.isEmpty() ? new Definition(null, invalid.getOrDefault(key, "unreadable"))
                : new Definition(valid.get(0), null));
    }

    /** Compiles the held definitions and renders the config body; called under the lock. */
    private EnvironmentView build(long position, EnvironmentView.Source source, Instant asOf) {
        List<FlagConfig> validFlags = new ArrayList<>();
        Map<String, String> invalidFlags = new LinkedHashMap<>();
        flagDefinitions.forEach((key, definition) -> {
            if (definition.valid() != null) validFlags.add((FlagConfig) definition.valid());
            else invalidFlags.put(key, definition.invalid());
        });
        List<Segment> validSegments = new ArrayList<>();
        Map<String, String> invalidSegments = new LinkedHashMap<>();
        segmentDefinitions.forEach((key, definition) -> {
            if (definition.valid() != null) validSegments.add((Segment) definition.valid());
            else invalidSegments.put(key, definition.invalid());
        });
        EvaluationConfig config = EvaluationConfig.compile(new EnvironmentDefinition(validFlags, validSegments,
                invalidFlags, invalidSegments));

        // The put frame is written once, with the config body inside it: /sdk/v1/config serves a slice.
        byte[] head = SseFrames.putHead(position);
        long estimate = head.length + 64L;
        for (String json : flags.values()) estimate += json.length() + 40;
        for (String json : segments.values()) estimate += json.length() + 40;
        ByteArrayOutputStream frame = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, estimate));
        frame.writeBytes(head);
        frame.writeBytes("{\"flags\":".getBytes(StandardCharsets.US_ASCII));
        object(frame, flags);
        frame.writeBytes(",\"segments\":".getBytes(StandardCharsets.US_ASCII));
        object(frame, segments);
        frame.writeBytes((",\"position\":" + position + "}").getBytes(StandardCharsets.US_ASCII));
        frame.writeBytes(SseFrames.PUT_TAIL);
        byte[] putFrame = frame.toByteArray();
        return new EnvironmentView(id, position, config, putFrame, head.length,
                putFrame.length - head.length - SseFrames.PUT_TAIL.length, flags.size(), segments.size(), source, asOf);
    }

    private static void object(ByteArrayOutputStream out, Map<String, String> members) {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) out.write(',');
            first = false;
            out.writeBytes(Json.bytes(member.getKey()));
            out.write(':');
            out.writeBytes(member.getValue().getBytes(StandardCharsets.UTF_8));
        }
        out.write('}');
    }
}
