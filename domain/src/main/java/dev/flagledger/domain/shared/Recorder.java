package dev.flagledger.domain.shared;

import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.util.Map;

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
        record(event, Map.of());
    }

    /** As {@link #record(Object)}, with metadata only the aggregate knows (e.g. who scheduled a change). */
    public static void record(Object event, Map<String, ?> extra) {
        Long version = AggregateLifecycle.getVersion();
        MetaData metadata = MetaData.from(extra);
        AggregateLifecycle.apply(event, version == null
                ? metadata
                : metadata.and(ChangeMetadata.DECIDED_AGAINST_VERSION, version));
    }
}
