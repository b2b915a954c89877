package dev.flagledger.openfeature;

import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationResult;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.flagledger.evaluation.format.ConfigTreeReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One environment's config as received (the flag and segment trees) and compiled for evaluation.
 * Immutable: an update builds a new one and swaps it in, so evaluations never see half an update.
 * {@code metadata} remembers the OpenFeature flag metadata of this config's results (they repeat:
 * the engine prebuilds its fixed results), so an evaluation does not build it again.
 */
record ConfigState(EvaluationConfig config, Map<String, Object> flags, Map<String, Object> segments,
                   Map<MetadataKey, ImmutableMetadata> metadata) {
    private static final int METADATA_MAX = 10_000;

    /** What an evaluation's flag metadata depends on. */
    record MetadataKey(Map<String, Object> engine, String matchedRuleId, boolean matchedTarget) {
    }

    /** The flag metadata of a successful result: the engine's, plus matchedRuleId and matchedTarget. */
    ImmutableMetadata metadataOf(EvaluationResult result) {
        MetadataKey key = new MetadataKey(result.metadata(), result.matchedRuleId(), result.matchedTarget());
        ImmutableMetadata known = metadata.get(key);
        if (known != null) return known;
        ImmutableMetadata built = OpenFeatureValues.metadata(result.metadata(), extra(result));
        if (metadata.size() < METADATA_MAX) metadata.put(key, built);
        return built;
    }

    static Map<String, Object> extra(EvaluationResult result) {
        if (result.matchedRuleId() == null && !result.matchedTarget()) return Map.of();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (result.matchedRuleId() != null) extra.put("matchedRuleId", result.matchedRuleId());
        if (result.matchedTarget()) extra.put("matchedTarget", true);
        return extra;
    }

    /**
     * Compiles a config. A malformed flag or segment becomes a PARSE_ERROR for that entry only (the
     * engine's rule); only a malformed top level is refused.
     */
    static ConfigState compile(Map<String, Object> flags, Map<String, Object> segments) throws IOException {
        Map<String, Object> safeFlags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
        Map<String, Object> safeSegments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
        try {
            return new ConfigState(EvaluationConfig.compile(ConfigTreeReader.read(
                    Map.of("flags", safeFlags, "segments", safeSegments))), safeFlags, safeSegments,
                    new ConcurrentHashMap<>());
        } catch (RuntimeException e) {
            throw new IOException("the config does not compile: " + e.getMessage(), e);
        }
    }

    /** The {@code flags} and {@code segments} of a {@code put} or a config download ({@code position} is ignored). */
    static ConfigState fromBody(Object body) throws IOException {
        Map<String, Object> root = Json.object(body, "the config");
        Object flags = root.get("flags");
        Object segments = root.get("segments");
        return compile(flags == null ? Map.of() : Json.object(flags, "flags"),
                segments == null ? Map.of() : Json.object(segments, "segments"));
    }

    /** Flag keys whose definition differs between {@code before} (may be null) and this. */
    List<String> changedFlags(ConfigState before) {
        Set<String> keys = new LinkedHashSet<>(flags.keySet());
        if (before != null) keys.addAll(before.flags.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys)
            if (before == null || !Objects.equals(before.flags.get(key), flags.get(key))) changed.add(key);
        return changed;
    }
}
