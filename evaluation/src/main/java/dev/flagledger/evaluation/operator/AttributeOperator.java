package dev.flagledger.evaluation.operator;

import java.util.List;

/** An operator that compares one attribute value with the clause values. */
public non-sealed interface AttributeOperator extends Operator {
    /**
     * Checks and prepares the clause values once, when the environment is compiled, so that
     * evaluation does no parsing of them.
     *
     * @throws dev.flagledger.evaluation.model.InvalidConfigException if the values do not suit the operator
     */
    ValueMatcher compile(List<Object> values);
}
