package dev.flagledger.evaluation.model;

import java.util.List;
import java.util.Map;

/**
 * Everything one environment evaluates against, before compilation. Definitions that could not
 * even be built (for example from malformed JSON) are carried by key with the reason, so that
 * evaluating them answers {@code PARSE_ERROR} instead of {@code FLAG_NOT_FOUND}.
 */
public record EnvironmentDefinition(List<FlagConfig> flags, List<Segment> segments,
                                    Map<String, String> invalidFlags, Map<String, String> invalidSegments) {
    public EnvironmentDefinition {
        flags = Checks.listOf(flags, "flags");
        segments = Checks.listOf(segments, "segments");
        invalidFlags = Checks.orderedMap(invalidFlags);
        invalidSegments = Checks.orderedMap(invalidSegments);
    }

    /** An environment whose definitions are all valid. */
    public static EnvironmentDefinition of(List<FlagConfig> flags, List<Segment> segments) {
        return new EnvironmentDefinition(flags, segments, Map.of(), Map.of());
    }
}
