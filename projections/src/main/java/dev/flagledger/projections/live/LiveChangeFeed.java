package dev.flagledger.projections.live;

import dev.flagledger.domain.flag.FlagDefaultVariationChanged;
import dev.flagledger.domain.flag.FlagEvent;
import dev.flagledger.domain.flag.FlagOffVariationChanged;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.project.EnvironmentAdded;
import dev.flagledger.domain.project.EnvironmentReasonPolicyChanged;
import dev.flagledger.domain.project.EnvironmentRenamed;
import dev.flagledger.domain.project.ProjectEvent;
import dev.flagledger.domain.segment.SegmentEvent;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.projections.flag.FlagStateProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Announces project, flag and segment changes to live listeners (the admin UI's subscriptions). It sits in the
 * flag-state processing group, so it sees each event in the same transaction as the read model's
 * update and announces it only after that transaction committed: a listener that re-reads the flag
 * gets the new version. A rebuild replays history that nobody is waiting for, so it announces nothing.
 */
@Component
@ProcessingGroup(FlagStateProjection.PROCESSING_GROUP)
public class LiveChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(LiveChangeFeed.class);
    private final Set<Consumer<LiveChange>> listeners = new CopyOnWriteArraySet<>();

    /** Registers a listener until the returned handle is closed. Listeners must not block. */
    public Registration listen(Consumer<LiveChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A listener's place in the feed; closing it stops the announcements. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    @EventHandler
    @DisallowReplay
    void on(FlagEvent event, EventMessage<?> message, @SequenceNumber long version) {
        announce(change(event.projectKey(), event.flagKey(), null, environmentOf(event), message, version));
    }

    @EventHandler
    @DisallowReplay
    void on(SegmentEvent event, EventMessage<?> message, @SequenceNumber long version) {
        // Segments apply to every environment, and the segment read model shares this processing group.
        announce(change(event.projectKey(), null, event.segmentKey(), null, message, version));
    }

    @EventHandler
    @DisallowReplay
    void on(ProjectEvent event, EventMessage<?> message, @SequenceNumber long version) {
        announce(change(event.projectKey(), null, null, environmentOf(event), message, version));
    }

    private static LiveChange change(String projectKey, String flagKey, String segmentKey, String environment,
                                     EventMessage<?> message, long version) {
        Object subject = message.getMetaData().get(ChangeMetadata.ACTOR_SUBJECT);
        Object name = message.getMetaData().get(ChangeMetadata.ACTOR_NAME);
        return new LiveChange(projectKey, flagKey, segmentKey, environment, message.getPayloadType().getSimpleName(), version,
                message.getTimestamp(), subject == null ? null : subject.toString(),
                name == null ? null : name.toString());
    }

    private void announce(LiveChange change) {
        if (listeners.isEmpty()) return;
        if (TransactionSynchronizationManager.isSynchronizationActive())
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(change);
                }
            });
        else
            deliver(change);
    }

    private void deliver(LiveChange change) {
        for (Consumer<LiveChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // One broken subscriber must not stop the others, nor the projection that called us.
                log.warn("live change listener failed", e);
            }
        }
    }

    private static String environmentOf(FlagEvent event) {
        if (event instanceof FlagToggled toggled) return toggled.environment();
        if (event instanceof FlagDefaultVariationChanged changed) return changed.environment();
        if (event instanceof FlagOffVariationChanged changed) return changed.environment();
        if (event instanceof FlagTargetingChanged changed) return changed.environment();
        return null;
    }

    private static String environmentOf(ProjectEvent event) {
        if (event instanceof EnvironmentAdded added) return added.environment().key();
        if (event instanceof EnvironmentRenamed renamed) return renamed.environmentKey();
        if (event instanceof EnvironmentReasonPolicyChanged policy) return policy.environmentKey();
        return null;
    }
}
