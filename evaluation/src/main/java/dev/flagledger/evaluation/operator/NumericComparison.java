package dev.flagledger.evaluation.operator;

import java.util.List;

/**
 * {@code lt}, {@code lte}, {@code gt}, {@code gte}: the attribute must be a JSON number (a numeric
 * string is not a number). Compared as IEEE-754 doubles, like JavaScript, so SDKs agree.
 */
public final class NumericComparison implements AttributeOperator {
    public static final NumericComparison LT = new NumericComparison("lt", (a, b) -> a < b);
    public static final NumericComparison LTE = new NumericComparison("lte", (a, b) -> a <= b);
    public static final NumericComparison GT = new NumericComparison("gt", (a, b) -> a > b);
    public static final NumericComparison GTE = new NumericComparison("gte", (a, b) -> a >= b);

    /** A comparison of two doubles without boxing them. */
    @FunctionalInterface
    private interface DoubleTest {
        boolean test(double attribute, double value);
    }

    private final String name;
    private final DoubleTest test;

    private NumericComparison(String name, DoubleTest test) {
        this.name = name;
        this.test = test;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ValueMatcher compile(List<Object> values) {
        double[] expected = OperatorValues.requireNumbers(name, values);
        return candidate -> {
            if (!(candidate instanceof Number number)) {
                return false;
            }
            double actual = number.doubleValue();
            for (double value : expected) {
                if (test.test(actual, value)) {
                    return true;
                }
            }
            return false;
        };
    }
}
