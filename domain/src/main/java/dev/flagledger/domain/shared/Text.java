package dev.flagledger.domain.shared;

import java.util.regex.Pattern;

/** Size and shape checks shared by every value type, so limits read the same everywhere. */
public final class Text {
    public static final int NAME_MAX = 200;
    public static final int DESCRIPTION_MAX = 2_000;
    public static final int REASON_MAX = 1_000;

    private Text() {
    }

    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new InvalidInput(field + " is required");
        return limited(field, value.strip(), max);
    }

    /** Absent or blank becomes the empty string: the read side never has to tell null from "". */
    public static String optional(String field, String value, int max) {
        return value == null ? "" : limited(field, value.strip(), max);
    }

    public static String matching(String field, String value, Pattern shape) {
        if (value == null || !shape.matcher(value).matches())
            throw new InvalidInput(field + " must match " + shape.pattern() + ": " + abbreviate(value));
        return value;
    }

    private static String limited(String field, String value, int max) {
        if (value.length() > max)
            throw new InvalidInput(field + " must be at most " + max + " characters, got " + value.length());
        return value;
    }

    /** Echoing a megabyte of hostile input back in an error message helps nobody. */
    public static String abbreviate(String value) {
        if (value == null) return "null";
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
