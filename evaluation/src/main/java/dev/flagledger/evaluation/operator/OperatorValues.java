package dev.flagledger.evaluation.operator;

import java.util.ArrayList;
import java.util.List;

import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.JsonValues;

/** Checks shared by operators when they compile their clause values. */
final class OperatorValues {
    private OperatorValues() {
    }

    static List<Object> requireNonEmpty(String operator, List<Object> values) {
        if (values == null || values.isEmpty()) {
            // An empty OR never matches and, negated, always does: almost surely a mistake.
            throw new InvalidConfigException("operator '" + operator + "' needs at least one value");
        }
        return values;
    }

    static List<String> requireStrings(String operator, List<Object> values) {
        List<String> strings = new ArrayList<>();
        for (Object value : requireNonEmpty(operator, values)) {
            if (!(value instanceof String string)) {
                throw new InvalidConfigException("operator '" + operator + "' compares strings, not: " + value);
            }
            strings.add(string);
        }
        return strings;
    }

    static double[] requireNumbers(String operator, List<Object> values) {
        List<Object> checked = requireNonEmpty(operator, values);
        double[] numbers = new double[checked.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(checked.get(i) instanceof Number number)) {
                throw new InvalidConfigException("operator '" + operator + "' compares numbers, not: " + checked.get(i));
            }
            numbers[i] = number.doubleValue();
        }
        return numbers;
    }

    static Object[] requireScalars(String operator, List<Object> values) {
        List<Object> checked = requireNonEmpty(operator, values);
        for (Object value : checked) {
            if (!JsonValues.isScalar(value)) {
                throw new InvalidConfigException("operator '" + operator + "' compares strings, numbers or booleans, not: " + value);
            }
        }
        return checked.toArray();
    }
}
