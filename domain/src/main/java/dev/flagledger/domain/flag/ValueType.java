package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The type every variation of a flag shares; it maps onto OpenFeature's typed resolvers. */
public enum ValueType {
    BOOLEAN, STRING, NUMBER, JSON;

    static final int STRING_MAX = 10_000;
    /** A JSON variation is configuration, not a payload store: cap its size and nesting. */
    static final int JSON_MAX_NODES = 5_000;
    static final int JSON_MAX_DEPTH = 32;

    /** Returns the value in its canonical Java form, or refuses it with the reason. */
    public Object check(String variation, Object value) {
        if (value == null) throw new InvalidInput("variation " + variation + " needs a value");
        return switch (this) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) throw mismatch(variation, value);
                yield value;
            }
            case STRING -> {
                if (!(value instanceof String text)) throw mismatch(variation, value);
                if (text.length() > STRING_MAX)
                    throw new InvalidInput("variation " + variation + " value must be at most " + STRING_MAX + " characters");
                yield text;
            }
            case NUMBER -> {
                if (!(value instanceof Number number)) throw mismatch(variation, value);
                yield Variation.canonicalNumber(number);
            }
            case JSON -> {
                if (!(value instanceof Map<?, ?> || value instanceof List<?>))
                    throw new InvalidInput("variation " + variation + " of a JSON flag must be an object or an array");
                int nodes = countNodes(value, 0);
                if (nodes > JSON_MAX_NODES)
                    throw new InvalidInput("variation " + variation + " value has more than " + JSON_MAX_NODES + " JSON nodes");
                yield value;
            }
        };
    }

    private InvalidInput mismatch(String variation, Object value) {
        return new InvalidInput("variation " + variation + " of a " + this + " flag cannot hold "
                + value.getClass().getSimpleName().toLowerCase() + " value");
    }

    private static int countNodes(Object value, int depth) {
        if (depth > JSON_MAX_DEPTH) throw new InvalidInput("JSON values nest at most " + JSON_MAX_DEPTH + " levels");
        if (value instanceof Map<?, ?> map) {
            int count = 1;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key) || key.length() > STRING_MAX)
                    throw new InvalidInput("JSON object keys must be strings");
                count += countNodes(entry.getValue(), depth + 1);
            }
            return count;
        }
        if (value instanceof List<?> list) {
            int count = 1;
            for (Object element : list) count += countNodes(element, depth + 1);
            return count;
        }
        if (value == null || value instanceof Boolean || value instanceof Number) return 1;
        if (value instanceof String text) {
            if (text.length() > STRING_MAX) throw new InvalidInput("JSON strings are at most " + STRING_MAX + " characters");
            return 1;
        }
        if (value instanceof BigDecimal) return 1;
        throw new InvalidInput("not a JSON value: " + value.getClass().getSimpleName());
    }
}
