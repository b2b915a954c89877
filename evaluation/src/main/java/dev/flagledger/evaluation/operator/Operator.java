package dev.flagledger.evaluation.operator;

/**
 * A clause operator as named in the JSON config. Most look at one attribute value
 * ({@link AttributeOperator}); {@code inSegment} looks at the whole context ({@link SegmentOperator}).
 */
public sealed interface Operator permits AttributeOperator, SegmentOperator {
    /** The operator's name in the config, e.g. {@code startsWith}. */
    String name();
}
