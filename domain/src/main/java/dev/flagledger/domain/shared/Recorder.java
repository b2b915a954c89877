package dev.flagledger.domain.shared;

import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * Applies an event together with the version it was decided against. Actor, reason, origin and
 * correlation id flow from the command's metadata; only the version is known here.
 */
public final class Recorder {
    private Recorder() {
    }

    /** The aggregate's version now: what a command handler returns so callers can read their write. */
    public static long currentVersion() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? -1 : version;
    }

    public static void record(Object event) {
        Long version = AggregateLifecycle.getVersion();
        AggregateLifecycle.apply(event, version == null
                ? MetaData.emptyInstance()
                : MetaData.with(ChangeMetadata.DECIDED_AGAINST_VERSION, version));
    }
}
