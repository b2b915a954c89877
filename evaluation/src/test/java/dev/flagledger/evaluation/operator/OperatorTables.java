package dev.flagledger.evaluation.operator;

import java.util.Arrays;
import java.util.List;

/** Helpers for the operator table tests. */
final class OperatorTables {
    private OperatorTables() {
    }

    static boolean matches(AttributeOperator operator, Object candidate, Object... values) {
        return operator.compile(Arrays.asList(values)).matches(candidate);
    }

    static ValueMatcher compile(AttributeOperator operator, Object... values) {
        return operator.compile(List.of(values));
    }
}
