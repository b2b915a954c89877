package dev.flagledger.graphql.live;

import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.live.LiveChange;
import dev.flagledger.projections.live.LiveChangeFeed;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;


import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Subscriptions that tell an open page someone changed what it shows. A subscriber too slow to read
 * keeps only the latest change (a page re-reads on a change, so that is all it needs) and never holds
 * up the projection that announces them.
 */
@Controller
public class LiveController implements SmartLifecycle {
    private final LiveChangeFeed feed;
    private final PersonalData personal;
    /** Open subscriptions, ended first on shutdown so graceful shutdown does not wait out endless requests. */
    private final Set<FluxSink<LiveChange>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public LiveController(LiveChangeFeed feed, PersonalData personal) {
        this.feed = feed;
        this.personal = personal;
    }

    @SubscriptionMapping
    public Flux<LiveChange> projectChanged(@Argument String projectKey) {
        return changes(change -> change.projectKey().equals(projectKey));
    }

    @SubscriptionMapping
    public Flux<LiveChange> flagChanged(@Argument String projectKey, @Argument String key) {
        return changes(change -> change.projectKey().equals(projectKey) && key.equals(change.flagKey()));
    }

    @SchemaMapping(typeName = "LiveChange", field = "actor")
    public Actor actor(LiveChange change) {
        return new Actor(change.actorSubject(), personal.open(change.actorName()));
    }

    /** Who made the change, shaped as the audit trail's AuditActor. */
    public record Actor(String subject, String name) {
    }

    private Flux<LiveChange> changes(Predicate<LiveChange> wanted) {
        return Flux.<LiveChange>create(sink -> {
            LiveChangeFeed.Registration registration = feed.listen(change -> {
                if (wanted.test(change)) sink.next(change);
            });
            open.add(sink);
            sink.onDispose(() -> {
                open.remove(sink);
                registration.close();
            });
            if (!running) sink.complete();
        }, FluxSink.OverflowStrategy.LATEST)
                // Writing to a client happens off the projection's thread: a slow or vanished
                // subscriber must never hold up the read model.
                .publishOn(Schedulers.boundedElastic(), 1);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs before the web server's graceful shutdown phase: clients subscribe again to another instance. */
    @Override
    public void stop() {
        running = false;
        open.forEach(FluxSink::complete);
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
}
