package dev.flagledger.projections.flag;

/**
 * Narrows a flag listing. {@code text} matches key, name or description (case-insensitive);
 * {@code archived} null means "only active flags" so retired flags stay out of the way by default.
 */
public record FlagFilter(String text, String tag, Boolean archived) {
    public static final FlagFilter NONE = new FlagFilter(null, null, null);
}
