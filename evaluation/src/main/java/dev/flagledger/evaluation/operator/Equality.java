package dev.flagledger.evaluation.operator;

import java.util.List;

import dev.flagledger.evaluation.model.InvalidConfigException;

/**
 * {@code equals} (exactly one value) and {@code in} (one or more). Strings compare exactly,
 * booleans by value and numbers numerically ({@code 1 == 1.0}); different types never match, so
 * {@code "1"} is not {@code 1}.
 */
public final class Equality implements AttributeOperator {
    public static final Equality EQUALS = new Equality("equals", true);
    public static final Equality IN = new Equality("in", false);

    private final String name;
    private final boolean exactlyOne;

    private Equality(String name, boolean exactlyOne) {
        this.name = name;
        this.exactlyOne = exactlyOne;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ValueMatcher compile(List<Object> values) {
        Object[] expected = OperatorValues.requireScalars(name, values);
        if (exactlyOne && expected.length != 1) {
            throw new InvalidConfigException("operator 'equals' takes exactly one value (use 'in' for several)");
        }
        return candidate -> {
            for (Object value : expected) {
                if (sameScalar(candidate, value)) {
                    return true;
                }
            }
            return false;
        };
    }

    static boolean sameScalar(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            // Doubles, as in JavaScript, so every SDK agrees on 1 == 1.0.
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return false;
    }
}
