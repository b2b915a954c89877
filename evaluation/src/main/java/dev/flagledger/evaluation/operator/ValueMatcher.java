package dev.flagledger.evaluation.operator;

/** A compiled clause test: does this attribute value match any of the clause values? */
@FunctionalInterface
public interface ValueMatcher {
    /**
     * @param candidate a non-null JSON scalar (String, Number or Boolean) from the context
     * @return false for values of a type the operator does not compare; never throws
     */
    boolean matches(Object candidate);
}
