package dev.flagledger.projections.audit;

/**
 * What one replay up to an instant read: the checkpoint it started from ({@code -1}: the stream's
 * start) and how many events it then folded.
 */
public record ReplayCost(long checkpointSequence, int eventsReplayed) {
}
