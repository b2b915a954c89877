package dev.flagledger.domain.flag;

import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Served;
import dev.flagledger.evaluation.model.WeightedVariant;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates the domain's targeting into the evaluation engine's model. One translation, used both
 * to validate a change (compile it and see) and by the evaluation snapshot, so what the domain
 * accepts is exactly what the engine evaluates.
 */
public final class EngineModel {
    private EngineModel() {
    }

    /**
     * A flag as the engine sees it in one environment; the fallthrough is the targeting's rollout if
     * it has one, else the environment's default variation.
     */
    public static FlagConfig flag(String flagKey, ValueType valueType, List<Variation> variations,
                                  FlagEnvironment environment, Targeting targeting, long version) {
        Map<String, Object> values = new LinkedHashMap<>();
        variations.forEach(variation -> values.put(variation.key(), variation.value()));
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        for (Target target : targeting.targets())
            targets.computeIfAbsent(target.variation(), variant -> new LinkedHashSet<>()).addAll(target.keys());
        List<Rule> rules = targeting.rules().stream()
                .map(rule -> new Rule(rule.id(), clauses(rule.clauses()), served(rule.serve())))
                .toList();
        Served fallthrough = targeting.fallthroughRollout() != null
                ? rollout(targeting.fallthroughRollout())
                : new Served.Variation(environment.defaultVariation());
        List<dev.flagledger.evaluation.model.Prerequisite> prerequisites = targeting.prerequisites().stream()
                .map(p -> new dev.flagledger.evaluation.model.Prerequisite(p.flagKey(), p.variation()))
                .toList();
        return new FlagConfig(flagKey, valueType(valueType), values, environment.enabled(),
                environment.offVariation(), targets, rules, fallthrough, prerequisites, null, version);
    }

    /** A segment as the engine sees it; segments are project-wide, so the same in every environment. */
    public static dev.flagledger.evaluation.model.Segment segment(String segmentKey, SegmentDefinition definition,
                                                                 long version) {
        return new dev.flagledger.evaluation.model.Segment(segmentKey, new LinkedHashSet<>(definition.included()),
                new LinkedHashSet<>(definition.excluded()),
                definition.rules().stream().map(rule -> new dev.flagledger.evaluation.model.SegmentRule(rule.id(),
                        clauses(rule.clauses()), rule.weight(), rule.bucketBy(), bucketing(rule.bucketing()))).toList(),
                null, version);
    }

    public static List<dev.flagledger.evaluation.model.Clause> clauses(List<Clause> clauses) {
        return clauses.stream()
                .map(c -> new dev.flagledger.evaluation.model.Clause(c.attribute(), c.operator(), c.values(), c.negate()))
                .toList();
    }

    static Served served(Serve serve) {
        if (serve == null) throw new dev.flagledger.domain.shared.InvalidInput("a rule must serve something");
        if ((serve.variation() == null) == (serve.rollout() == null))
            throw new dev.flagledger.domain.shared.InvalidInput("a rule serves exactly one of a variation or a rollout");
        return serve.rollout() != null ? rollout(serve.rollout()) : new Served.Variation(serve.variation());
    }

    static Served.Rollout rollout(Rollout rollout) {
        return new Served.Rollout(rollout.weights().stream()
                .map(weight -> new WeightedVariant(weight.variation(), weight.weight(), weight.ranges() == null ? null
                        : weight.ranges().stream().map(range -> new dev.flagledger.evaluation.model.BucketRange(range.from(), range.to())).toList()))
                .toList(),
                rollout.bucketBy(), rollout.salt(), bucketing(rollout.bucketing()));
    }

    /** The engine's bucketing spec; an unknown algorithm or a missing parameter is refused. */
    public static dev.flagledger.evaluation.model.Bucketing bucketing(Bucketing bucketing) {
        if (bucketing == null || "flagledger".equals(bucketing.algorithm())) return null;
        if ("flagd".equals(bucketing.algorithm()))
            return new dev.flagledger.evaluation.model.Bucketing.Flagd(bucketing.prefix(), bucketing.relativeWeights(),
                    bucketing.fallbackVariation());
        if ("unleash".equals(bucketing.algorithm())) {
            if (bucketing.seed() == null || bucketing.modulus() == null)
                throw new dev.flagledger.domain.shared.InvalidInput("unleash bucketing needs seed and modulus");
            return new dev.flagledger.evaluation.model.Bucketing.Unleash(bucketing.groupId(), bucketing.seed(),
                    bucketing.modulus());
        }
        throw new dev.flagledger.domain.shared.InvalidInput("bucketing algorithm must be flagledger, flagd or unleash: "
                + bucketing.algorithm());
    }

    static dev.flagledger.evaluation.model.ValueType valueType(ValueType type) {
        return dev.flagledger.evaluation.model.ValueType.valueOf(type.name());
    }
}
