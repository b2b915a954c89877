package dev.flagledger.projections.live;

import java.time.Instant;

/**
 * One change to a project or one of its flags, announced once the flag-state read model holds it,
 * so a subscriber that reacts by reading the flag sees the new state.
 *
 * @param flagKey     the flag changed, or null for a change to the project (an environment) or a segment
 * @param segmentKey  the segment changed, or null
 * @param environment the environment the change was made in, or null for a change to every one
 * @param version     the flag's (segment's, project's) stream version after the change
 */
public record LiveChange(String projectKey, String flagKey, String segmentKey, String environment, String eventType, long version,
                         Instant occurredAt, String actorSubject, String actorName) {
}
