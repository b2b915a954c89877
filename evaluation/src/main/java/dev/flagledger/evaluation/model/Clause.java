package dev.flagledger.evaluation.model;

import java.util.List;

/**
 * One condition of a rule: the attribute (dotted path into the context; {@code key} and
 * {@code targetingKey} name the targeting key), an operator name, values that are ORed, and
 * whether the outcome is inverted. Operator names and values are checked when the environment is
 * compiled, against the operator registry.
 */
public record Clause(String attribute, String operator, List<Object> values, boolean negate) {
    public Clause {
        Checks.requireText(operator, "clause operator");
        // inSegment looks at the whole context, so it needs no attribute.
        if (!"inSegment".equals(operator)) {
            Checks.requireText(attribute, "clause attribute");
        }
        values = Checks.jsonList(values);
    }
}
