package dev.flagledger.evaluation;

/** Answers {@code inSegment}; the engine implements it over the environment's segments. */
interface SegmentMembership {
    /**
     * @param depth how many segments deep this check is nested, to stop segment cycles
     */
    boolean contains(String segmentKey, EvaluationContext context, int depth, Tracer tracer);
}
