package dev.flagledger.evaluation.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.JsonValues;

/**
 * Typed access to one JSON object of a plain Java tree, with the object's path in every error
 * message ({@code flags.checkout.rules[0].serve: ...}) so a bad config is easy to locate.
 */
final class TreeReader {
    private final Map<?, ?> object;
    private final String path;

    private TreeReader(Map<?, ?> object, String path) {
        this.object = object;
        this.path = path;
    }

    static TreeReader of(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidConfigException(path + ": must be an object");
        }
        return new TreeReader(map, path);
    }

    Map<?, ?> entries() {
        return object;
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path + "." + field;
    }

    boolean has(String field) {
        return object.get(field) != null;
    }

    Object raw(String field) {
        return object.get(field);
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw new InvalidConfigException(path(field) + ": is required");
        }
        return value;
    }

    String optionalString(String field) {
        Object value = object.get(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidConfigException(path(field) + ": must be a string");
        }
        return (String) value;
    }

    boolean requiredBoolean(String field) {
        Object value = object.get(field);
        if (!(value instanceof Boolean bool)) {
            throw new InvalidConfigException(path(field) + ": must be true or false");
        }
        return bool;
    }

    boolean optionalBoolean(String field, boolean fallback) {
        return has(field) ? requiredBoolean(field) : fallback;
    }

    Integer optionalInt(String field) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        String integral = value instanceof Number number ? JsonValues.integralText(number) : null;
        if (integral == null) {
            throw new InvalidConfigException(path(field) + ": must be an integer");
        }
        long parsed = Long.parseLong(integral);
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            throw new InvalidConfigException(path(field) + ": out of range");
        }
        return (int) parsed;
    }

    long optionalLong(String field, long fallback) {
        Object value = object.get(field);
        if (value == null) {
            return fallback;
        }
        String integral = value instanceof Number number ? JsonValues.integralText(number) : null;
        if (integral == null) {
            throw new InvalidConfigException(path(field) + ": must be an integer");
        }
        return Long.parseLong(integral);
    }

    TreeReader object(String field) {
        return of(object.get(field), path(field));
    }

    /** An optional object field; absent or null reads as empty. */
    Map<?, ?> optionalObject(String field) {
        Object value = object.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidConfigException(path(field) + ": must be an object");
        }
        return map;
    }

    /** An optional array field; absent or null reads as empty. */
    List<?> optionalList(String field) {
        Object value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidConfigException(path(field) + ": must be an array");
        }
        return list;
    }

    List<String> optionalStrings(String field) {
        List<String> strings = new ArrayList<>();
        List<?> list = optionalList(field);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String string)) {
                throw new InvalidConfigException(path(field) + "[" + i + "]: must be a string");
            }
            strings.add(string);
        }
        return strings;
    }
}
