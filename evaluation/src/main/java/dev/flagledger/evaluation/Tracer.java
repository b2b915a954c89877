package dev.flagledger.evaluation;

/**
 * Receives what the engine does. The fast path passes {@link #NONE}, whose methods do nothing and
 * receive only references the engine already holds, so tracing costs no allocation there.
 */
interface Tracer {
    Tracer NONE = new Tracer() {
    };

    default void flagDisabled(CompiledFlag flag) {
    }

    default void prerequisite(CompiledPrerequisite prerequisite, EvaluationResult outcome, boolean met) {
    }

    default void targets(CompiledFlag flag, String targetingKey, String matchedVariant) {
    }

    default void ruleStarted(CompiledRule rule) {
    }

    default void clause(CompiledClause clause, Object actualValue, boolean matched) {
    }

    default void segment(String segmentKey, boolean member, String because, String ruleId) {
    }

    default void ruleFinished(CompiledRule rule, boolean matched) {
    }

    default void fallthrough() {
    }

    default void bucketed(CompiledServe.Split split, String bucketByValue, int bucket, String variant) {
    }
}
