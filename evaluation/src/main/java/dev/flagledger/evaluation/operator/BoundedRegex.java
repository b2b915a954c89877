package dev.flagledger.evaluation.operator;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.flagledger.evaluation.model.InvalidConfigException;

/**
 * A precompiled pattern whose every use is bounded: the pattern length when compiled, and the
 * input length and the number of character reads when matching. Whatever a context sends, a
 * match costs at most {@link #MAX_CHAR_READS} reads; past that the answer is "no match".
 */
public final class BoundedRegex {
    /** Longest pattern accepted in a config. */
    public static final int MAX_PATTERN_LENGTH = 256;
    /** Longest attribute value a pattern is tried on; longer values do not match. */
    public static final int MAX_INPUT_LENGTH = 1024;
    /**
     * Character reads one match may make. A linear scan of 1 024 characters needs a few thousand;
     * this leaves room for mildly quadratic patterns while capping a hostile match at milliseconds.
     */
    public static final long MAX_CHAR_READS = 200_000;

    private final Pattern pattern;

    private BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles a pattern (Java syntax; keep to the subset JavaScript shares). */
    public static BoundedRegex compile(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidConfigException("regex longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return new BoundedRegex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new InvalidConfigException("invalid regex '" + regex + "': " + e.getDescription(), e);
        }
    }

    /**
     * Whether the pattern occurs anywhere in {@code input} (find, not full match, as JavaScript's
     * {@code RegExp.test}); false when the input is too long or the read budget runs out.
     */
    public boolean find(String input) {
        if (input.length() > MAX_INPUT_LENGTH) {
            return false;
        }
        try {
            return pattern.matcher(new BudgetedCharSequence(input, MAX_CHAR_READS)).find();
        } catch (StackOverflowError e) {
            // Deeply nested alternation can recurse deeply in java.util.regex; treat as no match.
            return false;
        } catch (RuntimeException e) {
            if (e == BudgetedCharSequence.EXHAUSTED) {
                return false;
            }
            throw e;
        }
    }

    public String pattern() {
        return pattern.pattern();
    }
}
