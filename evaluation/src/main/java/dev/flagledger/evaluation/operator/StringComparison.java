package dev.flagledger.evaluation.operator;

import java.util.List;
import java.util.function.BiPredicate;

/** {@code startsWith}, {@code endsWith} and {@code contains}: case-sensitive, on strings only. */
public final class StringComparison implements AttributeOperator {
    public static final StringComparison STARTS_WITH = new StringComparison("startsWith", String::startsWith);
    public static final StringComparison ENDS_WITH = new StringComparison("endsWith", String::endsWith);
    public static final StringComparison CONTAINS = new StringComparison("contains", String::contains);

    private final String name;
    private final BiPredicate<String, String> test;

    private StringComparison(String name, BiPredicate<String, String> test) {
        this.name = name;
        this.test = test;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ValueMatcher compile(List<Object> values) {
        String[] expected = OperatorValues.requireStrings(name, values).toArray(String[]::new);
        return candidate -> {
            if (!(candidate instanceof String text)) {
                return false;
            }
            for (String value : expected) {
                if (test.test(text, value)) {
                    return true;
                }
            }
            return false;
        };
    }
}
