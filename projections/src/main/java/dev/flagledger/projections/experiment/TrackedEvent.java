package dev.flagledger.projections.experiment;

import java.time.Instant;

/**
 * An SDK event as the experiment pipeline reads it: an exposure (flag, variant, reason, the rule that
 * served it) or a custom event (name, value), by one unit ({@code contextKey}) at one time.
 */
public record TrackedEvent(boolean exposure, String flagKey, String variant, String reason, String ruleId,
                           String eventName, Double value, String contextKey, Instant occurredAt) {
}
