package dev.flagledger.evaluation.operator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code inSegment}: true when the context belongs to any of the named segments. Membership needs
 * the environment's segments, so the engine evaluates it; this class only checks the values.
 */
public final class SegmentOperator implements Operator {
    public static final SegmentOperator IN_SEGMENT = new SegmentOperator();

    private SegmentOperator() {
    }

    @Override
    public String name() {
        return "inSegment";
    }

    /** The segment keys named by the clause values. */
    public List<String> segmentKeys(List<Object> values) {
        List<String> keys = new ArrayList<>(OperatorValues.requireStrings(name(), values));
        return List.copyOf(keys);
    }
}
