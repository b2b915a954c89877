package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.Serve;
import dev.flagledger.domain.flag.Target;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.TargetingRule;
import dev.flagledger.domain.flag.Weight;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a flag serves one variation to everyone: in an environment, every way evaluation can end
 * (off, a failed prerequisite, a target, a rule, the fallthrough) leads to the same variation, and
 * everywhere, that variation is the same in every environment of the project. It reads the
 * configuration, not the traffic, so a rule nobody matches still counts: the answer errs towards
 * "not stale", never the other way.
 */
final class OneVariation {
    private OneVariation() {
    }

    /** The variation every context gets in every one of {@code environments}, if there is one. */
    static Optional<String> servedEverywhere(ServingState state, List<String> environments) {
        String common = null;
        for (String environment : environments) {
            Optional<String> here = servedIn(state.in(environment));
            if (here.isEmpty() || (common != null && !common.equals(here.get()))) return Optional.empty();
            common = here.get();
        }
        return Optional.ofNullable(common);
    }

    /** The variation every context gets in one environment, if there is one. */
    static Optional<String> servedIn(ServingState.EnvironmentServing serving) {
        if (!serving.enabled()) return Optional.ofNullable(serving.offVariation());
        Targeting targeting = serving.targeting();
        Set<String> possible = new LinkedHashSet<>();
        // A prerequisite that fails serves the off variation.
        if (!targeting.prerequisites().isEmpty()) possible.add(serving.offVariation());
        for (Target target : targeting.targets())
            if (!target.keys().isEmpty()) possible.add(target.variation());
        for (TargetingRule rule : targeting.rules()) served(rule.serve(), possible);
        if (targeting.fallthroughRollout() != null) served(targeting.fallthroughRollout(), possible);
        else possible.add(serving.defaultVariation());
        possible.remove(null);
        return possible.size() == 1 ? Optional.of(possible.iterator().next()) : Optional.empty();
    }

    private static void served(Serve serve, Set<String> possible) {
        if (serve == null) return;
        if (serve.rollout() != null) served(serve.rollout(), possible);
        else possible.add(serve.variation());
    }

    private static void served(Rollout rollout, Set<String> possible) {
        for (Weight weight : rollout.weights())
            if (weight.weight() > 0) possible.add(weight.variation());
    }
}
