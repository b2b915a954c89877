package dev.flagledger.evaluation.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small validation and defensive-copy helpers shared by the model records. */
final class Checks {
    private Checks() {
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(what + " must not be blank");
        }
        return value;
    }

    static <T> T require(T value, String what) {
        if (value == null) {
            throw new InvalidConfigException(what + " is required");
        }
        return value;
    }

    /** Copies a list into an unmodifiable one, refusing null elements. */
    static <T> List<T> listOf(Collection<? extends T> values, String what) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                throw new InvalidConfigException(what + " must not contain null");
            }
        }
        return List.copyOf(values);
    }

    /** Copies a set keeping insertion order, so traces and serialisation stay stable. */
    static Set<String> setOf(Collection<String> values, String what) {
        if (values == null) {
            return Set.of();
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String value : values) {
            copy.add(requireText(value, what));
        }
        return Collections.unmodifiableSet(copy);
    }

    /** Like {@link #listOf} but allows JSON null elements (clause values may be any JSON scalar). */
    static List<Object> jsonList(Collection<?> values) {
        if (values == null) {
            return List.of();
        }
        List<Object> copy = new ArrayList<>(values.size());
        for (Object value : values) {
            copy.add(JsonValues.freeze(value));
        }
        return Collections.unmodifiableList(copy);
    }

    static <V> Map<String, V> orderedMap(Map<String, ? extends V> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
