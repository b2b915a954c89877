package dev.flagledger.projections.maintenance;

/**
 * Where a read model stands: the global position it has applied up to, the store's head, and
 * whether it is rebuilding. {@code position == headPosition} means it is current.
 */
public record ReadModelStatus(String name, boolean running, boolean replaying, long position, long headPosition) {
    public double progress() {
        return headPosition <= 0 ? 1.0 : Math.min(1.0, Math.max(0, position) / (double) headPosition);
    }
}
