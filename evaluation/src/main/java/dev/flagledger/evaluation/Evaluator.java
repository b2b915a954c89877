package dev.flagledger.evaluation;

import dev.flagledger.evaluation.bucketing.Bucketer;
import dev.flagledger.evaluation.bucketing.PlatformBuckets;
import dev.flagledger.evaluation.model.Bucketing;
import dev.flagledger.evaluation.model.JsonValues;
import dev.flagledger.evaluation.model.ValueType;

/**
 * The evaluation algorithm of CONVENTIONS section 3 over one compiled environment. Checks come in
 * this order: flag exists, flag is valid, requested type, context shape; then off, prerequisites,
 * individual targets, rules in order, fallthrough.
 */
final class Evaluator implements SegmentMembership {
    /** Longest prerequisite chain followed; the domain forbids cycles, this survives them anyway. */
    static final int MAX_PREREQUISITE_DEPTH = 16;
    /** Deepest nesting of segments inside segment rules; deeper checks answer "not a member". */
    static final int MAX_SEGMENT_DEPTH = 8;

    private final EnvironmentCompiler.Compiled environment;

    Evaluator(EnvironmentCompiler.Compiled environment) {
        this.environment = environment;
    }

    EvaluationResult evaluate(String flagKey, ValueType requested, EvaluationContext context, Tracer tracer) {
        try {
            CompiledFlag flag = flagKey == null ? null : environment.flags().get(flagKey);
            if (flag == null) {
                String invalid = flagKey == null ? null : environment.invalidFlags().get(flagKey);
                return invalid != null
                        ? EvaluationResult.error(ErrorCode.PARSE_ERROR, invalid, null)
                        : EvaluationResult.error(ErrorCode.FLAG_NOT_FOUND, "flag '" + flagKey + "' not found", null);
            }
            if (requested != null && requested != flag.valueType()) {
                return EvaluationResult.error(ErrorCode.TYPE_MISMATCH, "flag '" + flagKey + "' is a "
                        + flag.valueType().jsonName() + " flag, not " + requested.jsonName(), flag.metadata());
            }
            EvaluationContext ctx = context == null ? EvaluationContext.empty() : context;
            Object targetingKey = ctx.targetingKey();
            if (targetingKey != null && !(targetingKey instanceof String)) {
                return EvaluationResult.error(ErrorCode.INVALID_CONTEXT, "targetingKey must be a string", flag.metadata());
            }
            return evaluateFlag(flag, ctx, null, tracer);
        } catch (RuntimeException | StackOverflowError e) {
            // Evaluation must never throw into an application's request path.
            return EvaluationResult.error(ErrorCode.GENERAL, "evaluation failed: " + e, null);
        }
    }

    /** The flags already on the prerequisite path, innermost first; allocated only for prerequisites. */
    private record Chain(String flagKey, Chain parent, int depth) {
        boolean contains(String key) {
            for (Chain link = this; link != null; link = link.parent) {
                if (link.flagKey.equals(key)) {
                    return true;
                }
            }
            return false;
        }

        String describe(String next) {
            StringBuilder path = new StringBuilder(next);
            for (Chain link = this; link != null; link = link.parent) {
                path.insert(0, link.flagKey + " -> ");
            }
            return path.toString();
        }
    }

    private EvaluationResult evaluateFlag(CompiledFlag flag, EvaluationContext context, Chain chain, Tracer tracer) {
        if (!flag.enabled()) {
            tracer.flagDisabled(flag);
            return flag.disabled();
        }
        if (flag.prerequisites().length > 0) {
            EvaluationResult failed = checkPrerequisites(flag, context, chain, tracer);
            if (failed != null) {
                return failed;
            }
        }
        String targetingKey = (String) context.targetingKey();
        if (targetingKey != null && !flag.targets().isEmpty()) {
            String variant = flag.targetIndex().get(targetingKey);
            tracer.targets(flag, targetingKey, variant);
            if (variant != null) {
                return flag.targetResults().get(variant);
            }
        }
        for (CompiledRule rule : flag.rules()) {
            tracer.ruleStarted(rule);
            boolean matched = allMatch(rule.clauses(), context, 0, tracer);
            tracer.ruleFinished(rule, matched);
            if (matched) {
                return serve(flag, rule.serve(), context, tracer);
            }
        }
        tracer.fallthrough();
        return serve(flag, flag.fallthrough(), context, tracer);
    }

    /** Null when all prerequisites are met; otherwise the result to serve. */
    private EvaluationResult checkPrerequisites(CompiledFlag flag, EvaluationContext context, Chain chain,
                                                Tracer tracer) {
        Chain path = new Chain(flag.key(), chain, chain == null ? 1 : chain.depth() + 1);
        for (CompiledPrerequisite prerequisite : flag.prerequisites()) {
            if (path.contains(prerequisite.flagKey())) {
                return EvaluationResult.error(ErrorCode.GENERAL,
                        "prerequisite cycle: " + path.describe(prerequisite.flagKey()), flag.metadata());
            }
            if (path.depth() >= MAX_PREREQUISITE_DEPTH) {
                return EvaluationResult.error(ErrorCode.GENERAL,
                        "prerequisite chain deeper than " + MAX_PREREQUISITE_DEPTH, flag.metadata());
            }
            CompiledFlag required = environment.flags().get(prerequisite.flagKey());
            EvaluationResult outcome = null;
            boolean met = false;
            if (required != null) {
                outcome = evaluateFlag(required, context, path, Tracer.NONE);
                if (outcome.errorCode() == ErrorCode.GENERAL) {
                    // An inconsistent environment is everyone's error, not a mere "not met".
                    return EvaluationResult.error(ErrorCode.GENERAL, outcome.errorMessage(), flag.metadata());
                }
                // An off prerequisite is never met, even if its off variation is the one required.
                met = required.enabled() && !outcome.isError() && prerequisite.variant().equals(outcome.variant());
            }
            tracer.prerequisite(prerequisite, outcome, met);
            if (!met) {
                return prerequisite.failed();
            }
        }
        return null;
    }

    private boolean allMatch(CompiledClause[] clauses, EvaluationContext context, int depth, Tracer tracer) {
        for (CompiledClause clause : clauses) {
            if (!clause.matches(context, this, depth, tracer)) {
                return false;
            }
        }
        return true;
    }

    private EvaluationResult serve(CompiledFlag flag, CompiledServe serve, EvaluationContext context, Tracer tracer) {
        if (serve instanceof CompiledServe.Fixed fixed) {
            return fixed.result();
        }
        CompiledServe.Split split = (CompiledServe.Split) serve;
        Object raw = split.bucketBy().resolve(context);
        if (split.bucketing() instanceof Bucketing.Flagd flagd) {
            return flagdServe(flag, split, flagd, raw, tracer);
        }
        if (raw == null || "".equals(raw)) {
            return EvaluationResult.error(ErrorCode.TARGETING_KEY_MISSING, "the rollout of " + split.origin()
                    + " buckets by '" + split.bucketBy().text() + "', which the context lacks", flag.metadata());
        }
        String value = bucketText(raw);
        if (value == null) {
            return EvaluationResult.error(ErrorCode.INVALID_CONTEXT, "the rollout of " + split.origin()
                    + " buckets by '" + split.bucketBy().text() + "', which must be a string or an integer",
                    flag.metadata());
        }
        int bucket = split.bucketing() instanceof Bucketing.Unleash unleash
                ? PlatformBuckets.unleashBucket(unleash.groupId(), unleash.seed(), unleash.modulus(), value)
                : Bucketer.bucket(split.salt(), value);
        String variant = split.ranges() != null ? split.ranges().variantFor(bucket)
                : Bucketer.variantFor(bucket, split.weights());
        tracer.bucketed(split, value, bucket, variant);
        return split.results().get(variant);
    }

    /**
     * flagd hashes only strings (its fractional falls back to the default variant otherwise, and
     * when its float walk finds no bucket); the bucket is traced in thousandths of a percent.
     */
    private static EvaluationResult flagdServe(CompiledFlag flag, CompiledServe.Split split, Bucketing.Flagd flagd,
                                               Object raw, Tracer tracer) {
        if (!(raw instanceof String value)) {
            if (split.fallback() != null) {
                return split.fallback();
            }
            return EvaluationResult.error(raw == null ? ErrorCode.TARGETING_KEY_MISSING : ErrorCode.INVALID_CONTEXT,
                    "the rollout of " + split.origin() + " buckets by '" + split.bucketBy().text()
                            + "', which must be a string present in the context", flag.metadata());
        }
        float bucket = PlatformBuckets.flagdBucket(flagd.prefix() + value);
        int index = PlatformBuckets.flagdIndex(bucket, split.flagdWeights());
        if (index < 0) {
            return split.fallback() != null ? split.fallback() : split.results().get(
                    split.weights().get(split.weights().size() - 1).variant());
        }
        String variant = split.weights().get(index).variant();
        tracer.bucketed(split, value, (int) (bucket * 1000f), variant);
        return split.results().get(variant);
    }

    /** Strings hash as they are; integers as their decimal digits; anything else is not hashable. */
    private static String bucketText(Object raw) {
        if (raw instanceof String text) {
            return text;
        }
        if (raw instanceof Number number) {
            return JsonValues.integralText(number);
        }
        return null;
    }

    @Override
    public boolean contains(String segmentKey, EvaluationContext context, int depth, Tracer tracer) {
        CompiledSegment segment = environment.segments().get(segmentKey);
        if (segment == null) {
            // A deleted segment has no members; flags that still name it keep working.
            tracer.segment(segmentKey, false, "not found", null);
            return false;
        }
        if (depth >= MAX_SEGMENT_DEPTH) {
            tracer.segment(segmentKey, false, "too deeply nested", null);
            return false;
        }
        Object targetingKey = context.targetingKey();
        if (targetingKey != null) {
            if (segment.excluded().contains(targetingKey)) {
                tracer.segment(segmentKey, false, "excluded", null);
                return false;
            }
            if (segment.included().contains(targetingKey)) {
                tracer.segment(segmentKey, true, "included", null);
                return true;
            }
        }
        for (CompiledSegment.Rule rule : segment.rules()) {
            // Nested clauses are not traced: the debugger shows membership, not its inner workings.
            if (allMatch(rule.clauses(), context, depth + 1, Tracer.NONE) && withinWeight(segment, rule, context)) {
                tracer.segment(segmentKey, true, "rule", rule.id());
                return true;
            }
        }
        tracer.segment(segmentKey, false, "no rule matched", null);
        return false;
    }

    private static boolean withinWeight(CompiledSegment segment, CompiledSegment.Rule rule, EvaluationContext context) {
        if (rule.weight() == null) {
            return true;
        }
        Object raw = rule.bucketBy().resolve(context);
        String value = raw == null || "".equals(raw) ? null : bucketText(raw);
        // Without a value to hash the context cannot be placed in the share: not a member.
        if (value == null) {
            return false;
        }
        int bucket = rule.bucketing() instanceof Bucketing.Unleash unleash
                ? PlatformBuckets.unleashBucket(unleash.groupId(), unleash.seed(), unleash.modulus(), value)
                : Bucketer.bucket(segment.salt(), value);
        return bucket < rule.weight();
    }
}
