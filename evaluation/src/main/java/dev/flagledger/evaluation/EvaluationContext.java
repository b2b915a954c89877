package dev.flagledger.evaluation;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        if (!(attributes instanceof View)) {
            attributes = attributes == null || attributes.isEmpty()
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /**
     * A context read through a map the caller does not change while the evaluation runs: not copied.
     * For SDKs that adapt their own context type per call (the Java OpenFeature provider), where the
     * copy would be most of an evaluation's allocation. Evaluation only reads it with {@code get}.
     */
    public static EvaluationContext view(Map<String, Object> attributes) {
        return new EvaluationContext(new View(attributes));
    }

    /** Read-only, uncopied: what {@link #view} wraps. */
    private static final class View extends AbstractMap<String, Object> {
        private final Map<String, Object> source;

        View(Map<String, Object> source) {
            this.source = source;
        }

        @Override
        public Object get(Object key) {
            return source.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return source.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(source).entrySet();
        }
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
