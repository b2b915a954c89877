package dev.flagledger.eventstore.kurrent;

/**
 * Stream names: {@code <prefix>-<aggregate id>} for an aggregate's events (one stream per aggregate,
 * so its revision is the aggregate's sequence number), {@code <prefix>_snapshot-<aggregate id>} for its
 * snapshots. KurrentDB's category is what precedes the first dash, so the two never share a category
 * and no aggregate id can name another aggregate's snapshot stream.
 */
public record StreamNames(String prefix) {
    public static final StreamNames DEFAULT = new StreamNames("flagledger");

    public StreamNames {
        if (prefix == null || !prefix.matches("[A-Za-z][A-Za-z0-9]*"))
            throw new IllegalArgumentException("a stream prefix is letters and digits (no '-', '_' or '$'): " + prefix);
    }

    public String aggregate(String aggregateIdentifier) {
        return prefix + "-" + aggregateIdentifier;
    }

    public String snapshots(String aggregateIdentifier) {
        return prefix + "_snapshot-" + aggregateIdentifier;
    }
}
