package dev.flagledger.domain.flag;

import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Size limits for targeting and segments. Every environment snapshot is held in memory and sent to
 * SDKs whole, so one flag must not be able to grow without bound.
 */
public final class TargetingLimits {
    public static final int MAX_RULES = 100;
    public static final int MAX_CLAUSES = 20;
    public static final int MAX_VALUES = 1_000;
    public static final int MAX_KEYS = 10_000;
    public static final int MAX_PREREQUISITES = 10;
    public static final int MAX_TEXT = 1_024;
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private TargetingLimits() {
    }

    public static void atMost(String what, List<?> list, int max) {
        if (list.size() > max) throw new InvalidInput(what + ": at most " + max + ", got " + list.size());
    }

    public static String ruleId(String id) {
        return Text.matching("rule id", id, RULE_ID);
    }

    /**
     * Targeting keys and clause strings: bounded, so a config cannot smuggle megabytes into memory. A
     * sealed targeting key had its plain text checked against the same bound before it was sealed.
     */
    public static void text(String what, String value) {
        if (value == null || value.isEmpty()) throw new InvalidInput(what + " must not be empty");
        int max = PersonalValue.isSealed(value) ? PersonalValue.MAX_SEALED_LENGTH : MAX_TEXT;
        if (value.length() > max) throw new InvalidInput(what + " must be at most " + MAX_TEXT + " characters");
    }

    public static void clauses(List<Clause> clauses) {
        atMost("clauses in a rule", clauses, MAX_CLAUSES);
        for (Clause clause : clauses) {
            if (clause == null) throw new InvalidInput("a clause must not be null");
            if (clause.operator() == null) throw new InvalidInput("a clause needs an operator");
            if (clause.attribute() != null) text("clause attribute", clause.attribute());
            atMost("values of a clause", clause.values(), MAX_VALUES);
            for (Object value : clause.values())
                if (value instanceof String text && text.length() > MAX_TEXT)
                    throw new InvalidInput("clause values must be at most " + MAX_TEXT + " characters");
        }
    }

    public static int keys(String what, List<String> keys) {
        for (String key : keys) text(what, key);
        return keys.size();
    }
}
