package dev.flagledger.server.eventstore;

import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.snapshot.EvaluationSnapshotProjection;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.keys.SdkKeyDirectory;
import dev.flagledger.server.token.ApiTokenDirectory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The read models kept in memory (evaluation snapshot, SDK keys, API tokens; their processors' tokens are in
 * memory too) after the embedded store lost events with a closed database instance. The other read models
 * cannot hold such an event ({@link ReopenSafeEventStore} refuses their commit); these have no commit to
 * refuse. So after each new instance, the events the replaced one's streams delivered last are looked up in
 * the new one; if any is missing, each of these models is rebuilt aside from the store, up to its processor's
 * position, and swapped in: evaluation and authentication keep answering from the old model meanwhile, never
 * from an empty one (a reset would answer 503 and replay history to SSE clients).
 */
public class InMemoryReadModels {
    private static final Logger log = LoggerFactory.getLogger(InMemoryReadModels.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final EventStorageEngine engine;
    private final List<Model> models;
    // One check at a time, in the order the instances were replaced; a daemon, so it never holds up a stop.
    private final ExecutorService checks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "in-memory-read-models");
        thread.setDaemon(true);
        return thread;
    });

    public InMemoryReadModels(DataSource dataSource, EventStorageEngine engine, List<Model> models) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.engine = engine;
        this.models = List.copyOf(models);
    }

    /** The server's three, their processors looked up when a repair runs (Axon builds them after this). */
    public static List<Model> ofTheServer(EventProcessingConfiguration processing, EvaluationSnapshotProjection snapshot,
                                          PersonalData personal, SdkKeyDirectory sdkKeys, ApiTokenDirectory apiTokens) {
        return List.of(
                Model.of(processing, EvaluationSnapshotProjection.PROCESSING_GROUP, snapshotSwap(snapshot, personal)),
                Model.of(processing, SdkKeyDirectory.PROCESSING_GROUP, (replay, position) -> sdkKeys.adopt(replay.into(new SdkKeyDirectory()))),
                Model.of(processing, ApiTokenDirectory.PROCESSING_GROUP, (replay, position) -> apiTokens.adopt(replay.into(new ApiTokenDirectory()))));
    }

    /** The evaluation snapshot's: replayed into a projection of its own, publishing to scratch snapshots. */
    public static Swap snapshotSwap(EvaluationSnapshotProjection live, PersonalData personal) {
        return (replay, position) -> {
            try (EvaluationSnapshots scratch = new EvaluationSnapshots()) {
                live.adopt(replay.into(new EvaluationSnapshotProjection(scratch, personal)), position);
            }
        };
    }

    /** Checks, on a thread of its own, whether the store still holds {@code delivered}; repairs if not. */
    public void checkLater(List<String> delivered) {
        if (delivered.isEmpty()) return;
        checks.execute(() -> {
            long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (true) {
                try {
                    repairIfLost(delivered);
                    return;
                } catch (RuntimeException storeAway) {
                    // The store may close again while the disk is still full: try until it answers.
                    if (System.nanoTime() > giveUp) {
                        log.error("Could not check the in-memory read models against the reopened store", storeAway);
                        return;
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    /** Rebuilds the in-memory read models if the store lacks any of {@code delivered}; answers the missing ones. */
    public List<String> repairIfLost(List<String> delivered) {
        List<String> missing = missing(delivered);
        if (missing.isEmpty()) return missing;
        log.warn("{} events delivered before the embedded store reopened are not in it (lost with the closed database): "
                + "rebuilding the in-memory read models from the store: {}", missing.size(), missing);
        models.forEach(this::rebuild);
        return missing;
    }

    private List<String> missing(List<String> delivered) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < delivered.size(); from += 100) {
            List<String> batch = delivered.subList(from, Math.min(delivered.size(), from + 100));
            String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
            stored.addAll(jdbc.queryForList("select eventidentifier from domainevententry where eventidentifier in (" + marks + ")",
                    String.class, batch.toArray()));
        }
        List<String> missing = new ArrayList<>(delivered);
        missing.removeAll(stored);
        return missing;
    }

    /**
     * Stops the model's processor, replays the store up to the processor's position into a fresh instance, hands
     * it to the model's swap, and starts the processor again, which goes on from that position.
     */
    private void rebuild(Model model) {
        StreamingEventProcessor processor = model.processor().get();
        processor.shutDown();
        try {
            TrackingToken reached;
            try {
                reached = model.tokens().get().fetchToken(processor.getName(), 0);
            } catch (UnableToClaimTokenException neverStarted) {
                return;
            }
            if (reached != null) model.swap().adopt(new Replay(engine, reached), reached.position().orElse(0));
        } finally {
            processor.start();
        }
    }

    /** A read model kept in memory: its processor (one segment), that processor's token store, and its swap. */
    public record Model(Supplier<StreamingEventProcessor> processor, Supplier<TokenStore> tokens, Swap swap) {
        static Model of(EventProcessingConfiguration processing, String group, Swap swap) {
            return new Model(() -> processing.eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no processor " + group)),
                    () -> processing.tokenStore(group), swap);
        }
    }

    /** Takes a fresh instance of the model, replayed from the store, in place of the live one. */
    @FunctionalInterface
    public interface Swap {
        void adopt(Replay replay, long position);
    }

    /** The store's events that a processor at {@code reached} has seen, played into fresh handlers. */
    public record Replay(EventStorageEngine engine, TrackingToken reached) {
        public <T> T into(T handlers) {
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(handlers);
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
                events.filter(event -> reached.covers(event.trackingToken())).forEach(event -> {
                    try {
                        adapter.handle(event);
                    } catch (Exception failed) {
                        throw new IllegalStateException("replaying " + event.getIdentifier() + " into a fresh read model", failed);
                    }
                });
            }
            return handlers;
        }
    }
}
