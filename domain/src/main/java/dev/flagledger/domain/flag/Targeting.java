package dev.flagledger.domain.flag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /**
     * This targeting with each rollout laid over the buckets the same rollout serves in {@code current}
     * (same rule id, or the fallthrough), so that units keep their variation wherever possible: same
     * weights keep the current buckets (with their ranges, which clients that do not know ranges, an
     * older admin UI or a GitOps file, send back without), new weights are laid stickily
     * ({@link BucketLayout#reweight}). A rollout that lists its own ranges, changes its variations or
     * their order, its salt, bucketBy or bucketing, or uses flagd's float buckets, is taken as given.
     */
    public Targeting laidOver(Targeting current) {
        if (current == null) return this;
        List<TargetingRule> laid = new ArrayList<>();
        for (TargetingRule rule : rules) {
            Rollout rollout = rule == null || rule.serve() == null ? null : rule.serve().rollout();
            Rollout before = rule == null || rule.id() == null ? null : current.rules.stream()
                    .filter(old -> rule.id().equals(old.id()) && old.serve() != null && old.serve().rollout() != null)
                    .map(old -> old.serve().rollout()).findFirst().orElse(null);
            Rollout sticky = laidOver(rollout, before);
            laid.add(sticky == rollout ? rule : new TargetingRule(rule.id(), rule.description(), rule.clauses(),
                    Serve.rollout(sticky)));
        }
        return new Targeting(prerequisites, targets, laid, laidOver(fallthroughRollout, current.fallthroughRollout));
    }

    private static Rollout laidOver(Rollout requested, Rollout before) {
        if (requested == null || before == null || requested.weights().isEmpty() || before.weights().isEmpty()
                || requested.weights().size() != before.weights().size()
                || requested.weights().stream().anyMatch(weight -> weight == null || weight.ranges() != null)
                || !Objects.equals(requested.bucketBy(), before.bucketBy())
                || !Objects.equals(requested.salt(), before.salt())
                || !Objects.equals(requested.bucketing(), before.bucketing())
                || requested.bucketing() != null && "flagd".equals(requested.bucketing().algorithm())
                || requested.weights().stream().anyMatch(weight -> weight.weight() < 0 || weight.weight() > Rollout.TOTAL_WEIGHT)
                || requested.weights().stream().mapToLong(Weight::weight).sum() != Rollout.TOTAL_WEIGHT)
            return requested; // as given: a malformed one is refused by the targeting check with its own message
        boolean sameWeights = true;
        for (int i = 0; i < requested.weights().size(); i++) {
            Weight asked = requested.weights().get(i);
            Weight had = before.weights().get(i);
            if (!Objects.equals(asked.variation(), had.variation())) return requested;
            sameWeights &= asked.weight() == had.weight();
        }
        if (sameWeights) return new Rollout(before.weights(), requested.bucketBy(), requested.salt(), requested.bucketing());
        return new Rollout(BucketLayout.reweight(before.weights(), requested.weights()), requested.bucketBy(),
                requested.salt(), requested.bucketing());
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
