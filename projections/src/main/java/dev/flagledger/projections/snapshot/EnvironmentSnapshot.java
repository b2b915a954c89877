package dev.flagledger.projections.snapshot;

import dev.flagledger.evaluation.EvaluationConfig;

import java.util.Map;

/**
 * One environment, compiled and immutable: what the hot path evaluates against, and the config JSON
 * tree SDKs download. {@code position} is the store's global position of the last event that
 * changed this environment; it doubles as the SSE event id and the config ETag.
 */
public record EnvironmentSnapshot(String projectKey, String environment, long position, EvaluationConfig config,
                                  Map<String, Object> tree) {
    public String etag() {
        return "\"" + projectKey + "/" + environment + "/" + position + "\"";
    }
}
