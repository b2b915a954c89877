package dev.flagledger.relay.events;

import dev.flagledger.relay.environment.EnvironmentId;

/** One environment's spool, for health: events waiting, a batch in flight, delivered, set aside, the last failure. */
public record SpoolStatus(EnvironmentId id, long pendingEvents, boolean inflight, long forwardedEvents,
                          long rejectedEvents, String lastProblem) {
}
