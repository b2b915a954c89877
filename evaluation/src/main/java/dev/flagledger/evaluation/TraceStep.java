package dev.flagledger.evaluation;

import java.util.List;

/**
 * One step of an explained evaluation, in the order the engine took it. Clauses after the first
 * failing one in a rule are not evaluated and so are not listed.
 */
public sealed interface TraceStep {

    /** The flag is off; its off variation is served. */
    record FlagDisabled(String flagKey) implements TraceStep {
    }

    /**
     * A prerequisite was evaluated. {@code actualVariant} is null when the prerequisite flag is
     * missing, invalid or errored; {@code actualReason} is null when it is missing or invalid.
     */
    record PrerequisiteChecked(String flagKey, String requiredVariant, String actualVariant, Reason actualReason,
                               boolean met) implements TraceStep {
    }

    /** The targeting key was looked up in one variant's individual targets. */
    record TargetChecked(String variant, String targetingKey, boolean matched) implements TraceStep {
    }

    /** A rule was tried: the clauses evaluated, in order, and whether all held. */
    record RuleEvaluated(String ruleId, List<ClauseEvaluated> clauses, boolean matched) implements TraceStep {
        public RuleEvaluated {
            clauses = List.copyOf(clauses);
        }
    }

    /** No target or rule matched; the fallthrough serves. */
    record FallthroughReached() implements TraceStep {
    }

    /** A rollout bucketed the context. */
    record Bucketed(String salt, String bucketBy, String bucketByValue, int bucket, String variant)
            implements TraceStep {
    }

    /**
     * One clause of a rule. {@code actualValue} is the attribute value seen (null when absent;
     * the targeting key for {@code inSegment}, whose segment checks are listed in {@code segments}).
     */
    record ClauseEvaluated(String attribute, String operator, List<Object> values, boolean negate, Object actualValue,
                           List<SegmentChecked> segments, boolean matched) {
        public ClauseEvaluated {
            segments = List.copyOf(segments);
        }
    }

    /**
     * Membership of the context in one segment, and why: {@code excluded}, {@code included},
     * {@code rule <id>}, {@code no rule matched}, {@code not found} or {@code too deeply nested}.
     */
    record SegmentChecked(String segmentKey, boolean member, String because) {
    }
}
