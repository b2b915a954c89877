package dev.flagledger.domain.segment;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** A segment's key, unique within its project; what {@code inSegment} clauses name. */
public record SegmentKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    public SegmentKey {
        Text.matching("segment key", value, SHAPE);
    }

    @Override
    public String toString() {
        return value;
    }
}
