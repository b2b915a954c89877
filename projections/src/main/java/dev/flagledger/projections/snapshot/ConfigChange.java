package dev.flagledger.projections.snapshot;

import java.util.Map;

/**
 * One flag or segment of one environment changed at a global position: the SSE {@code patch}.
 * {@code tree} is its new config JSON, or null when it left the environment (archived).
 */
public record ConfigChange(String projectKey, String environment, long position, Kind kind, String key,
                           Map<String, Object> tree) {
    public enum Kind { FLAG, SEGMENT }
}
