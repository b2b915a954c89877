package dev.flagledger.evaluation;

import java.util.Map;

import dev.flagledger.evaluation.model.InvalidConfigException;

/**
 * A clause or bucketBy attribute, split once at compile time. {@code key} and
 * {@code targetingKey} mean the targeting key; anything else is a dotted path into nested maps.
 */
final class AttributePath {
    private final String text;
    private final String[] segments;
    private final boolean targetingKey;

    private AttributePath(String text, String[] segments, boolean targetingKey) {
        this.text = text;
        this.segments = segments;
        this.targetingKey = targetingKey;
    }

    static AttributePath of(String text) {
        if ("key".equals(text) || EvaluationContext.TARGETING_KEY.equals(text)) {
            return new AttributePath(text, new String[0], true);
        }
        String[] segments = text.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new InvalidConfigException("attribute path has an empty segment: '" + text + "'");
            }
        }
        return new AttributePath(text, segments, false);
    }

    /** The value at this path, or null when any step is missing or not an object. */
    Object resolve(EvaluationContext context) {
        if (targetingKey) {
            return context.targetingKey();
        }
        Object current = context.attributes();
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    String text() {
        return text;
    }
}
