package dev.flagledger.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OpenFeature evaluation context as a JSON-like tree: the targeting key lives under
 * {@code targetingKey}; other attributes may nest ({@code account.plan} reads
 * {@code {"account": {"plan": ...}}}). The tree is taken as the caller sends it, so evaluation can
 * answer {@code INVALID_CONTEXT} for a malformed one instead of the constructor throwing.
 */
public record EvaluationContext(Map<String, Object> attributes) {
    public static final String TARGETING_KEY = "targetingKey";
    private static final EvaluationContext EMPTY = new EvaluationContext(Map.of());

    public EvaluationContext {
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static EvaluationContext empty() {
        return EMPTY;
    }

    /** A context with a targeting key and attributes; the explicit targeting key wins. */
    public static EvaluationContext of(String targetingKey, Map<String, ?> attributes) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (attributes != null) {
            all.putAll(attributes);
        }
        if (targetingKey != null) {
            all.put(TARGETING_KEY, targetingKey);
        }
        return new EvaluationContext(all);
    }

    /** The raw targeting key: normally a String, but whatever the caller sent. */
    public Object targetingKey() {
        return attributes.get(TARGETING_KEY);
    }
}
