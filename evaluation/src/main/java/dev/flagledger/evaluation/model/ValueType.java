package dev.flagledger.evaluation.model;

import java.util.Locale;

/** The type of every variation value of a flag; the JSON form is the lower-case name. */
public enum ValueType {
    BOOLEAN,
    STRING,
    NUMBER,
    /** Any JSON value: objects, arrays, scalars or null (OpenFeature's "object" type). */
    JSON;

    /** Whether a variation value (a plain Java JSON tree) has this type. */
    public boolean accepts(Object value) {
        return switch (this) {
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case NUMBER -> value instanceof Number;
            case JSON -> true;
        };
    }

    /** The name used in the JSON config and in test vectors. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON name ({@code "boolean"}, {@code "string"}, {@code "number"}, {@code "json"}). */
    public static ValueType fromJson(String name) {
        for (ValueType type : values()) {
            if (type.jsonName().equals(name)) {
                return type;
            }
        }
        throw new InvalidConfigException("unknown value type: " + name);
    }
}
