package dev.flagledger.domain.flag;

import java.util.List;
import java.util.stream.Stream;

/**
 * A flag's targeting in one environment, in evaluation order after the on/off switch:
 * prerequisites, individual targets, ordered rules, then the fallthrough. The fallthrough is the
 * environment's default variation unless {@code fallthroughRollout} is set, so the one existing
 * command for the default variation stays the single source of that choice.
 */
public record Targeting(List<Prerequisite> prerequisites, List<Target> targets, List<TargetingRule> rules,
                        Rollout fallthroughRollout) {
    /** What a flag has before anyone targets it: everyone gets the fallthrough. */
    public static final Targeting NONE = new Targeting(List.of(), List.of(), List.of(), null);

    public Targeting {
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
        targets = targets == null ? List.of() : List.copyOf(targets);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Every variation this targeting may serve, so they cannot be removed while in use. */
    public Stream<String> servedVariations() {
        Stream<String> fromTargets = targets.stream().map(Target::variation);
        Stream<String> fromRules = rules.stream().map(TargetingRule::serve).flatMap(Targeting::variationsOf);
        Stream<String> fromFallthrough = fallthroughRollout == null ? Stream.empty() : variationsOf(fallthroughRollout);
        return Stream.of(fromTargets, fromRules, fromFallthrough).flatMap(s -> s);
    }

    /** Keys of the segments the rules test with {@code inSegment}. */
    public Stream<String> segmentKeys() {
        return rules.stream().flatMap(rule -> rule.clauses().stream()).flatMap(Clause::segmentKeys);
    }

    /** A rollout's variations, and the fallback an imported flagd rollout may serve. */
    private static Stream<String> variationsOf(Rollout rollout) {
        Stream<String> weighted = rollout.weights().stream().map(Weight::variation);
        String fallback = rollout.bucketing() == null ? null : rollout.bucketing().fallbackVariation();
        return fallback == null ? weighted : Stream.concat(weighted, Stream.of(fallback));
    }

    private static Stream<String> variationsOf(Serve serve) {
        if (serve == null) return Stream.empty();
        if (serve.rollout() != null) return variationsOf(serve.rollout());
        return serve.variation() == null ? Stream.empty() : Stream.of(serve.variation());
    }
}
