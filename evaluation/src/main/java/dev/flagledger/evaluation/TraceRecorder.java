package dev.flagledger.evaluation;

import java.util.ArrayList;
import java.util.List;

/** The {@link Tracer} behind {@code explain}: turns engine callbacks into {@link TraceStep}s. */
final class TraceRecorder implements Tracer {
    private final List<TraceStep> steps = new ArrayList<>();
    private final List<TraceStep.ClauseEvaluated> clauses = new ArrayList<>();
    private final List<TraceStep.SegmentChecked> segments = new ArrayList<>();

    List<TraceStep> steps() {
        return steps;
    }

    @Override
    public void flagDisabled(CompiledFlag flag) {
        steps.add(new TraceStep.FlagDisabled(flag.key()));
    }

    @Override
    public void prerequisite(CompiledPrerequisite prerequisite, EvaluationResult outcome, boolean met) {
        steps.add(new TraceStep.PrerequisiteChecked(prerequisite.flagKey(), prerequisite.variant(),
                outcome == null ? null : outcome.variant(), outcome == null ? null : outcome.reason(), met));
    }

    @Override
    public void targets(CompiledFlag flag, String targetingKey, String matchedVariant) {
        // One step per variant checked, as the fast path's single lookup stands for them all.
        for (var entry : flag.targets().entrySet()) {
            boolean matched = entry.getKey().equals(matchedVariant);
            steps.add(new TraceStep.TargetChecked(entry.getKey(), targetingKey, matched));
            if (matched) {
                return;
            }
        }
    }

    @Override
    public void ruleStarted(CompiledRule rule) {
        clauses.clear();
        segments.clear();
    }

    @Override
    public void segment(String segmentKey, boolean member, String because, String ruleId) {
        segments.add(new TraceStep.SegmentChecked(segmentKey, member, ruleId == null ? because : because + " " + ruleId));
    }

    @Override
    public void clause(CompiledClause clause, Object actualValue, boolean matched) {
        var source = clause.source();
        clauses.add(new TraceStep.ClauseEvaluated(source.attribute(), source.operator(), source.values(),
                source.negate(), actualValue, segments, matched));
        segments.clear();
    }

    @Override
    public void ruleFinished(CompiledRule rule, boolean matched) {
        steps.add(new TraceStep.RuleEvaluated(rule.id(), clauses, matched));
        clauses.clear();
    }

    @Override
    public void fallthrough() {
        steps.add(new TraceStep.FallthroughReached());
    }

    @Override
    public void bucketed(CompiledServe.Split split, String bucketByValue, int bucket, String variant) {
        steps.add(new TraceStep.Bucketed(split.salt(), split.bucketBy().text(), bucketByValue, bucket, variant));
    }
}
