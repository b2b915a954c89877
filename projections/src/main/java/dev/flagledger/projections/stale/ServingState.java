package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.Targeting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a flag serves, as far as telling "one variation for everyone" needs: its variations' values,
 * the flag-level default and off variations (which environments added later start from), and each
 * environment's switch, variations and targeting. Stored as JSON on the flag-lifecycle read model.
 */
record ServingState(Map<String, Object> variations, String defaultVariation, String offVariation,
                    Map<String, EnvironmentServing> environments) {

    ServingState {
        variations = variations == null ? Map.of() : new LinkedHashMap<>(variations);
        environments = environments == null ? Map.of() : new LinkedHashMap<>(environments);
    }

    /** One environment; an environment without an entry is off and serves the flag-level off variation. */
    record EnvironmentServing(boolean enabled, String defaultVariation, String offVariation, Targeting targeting) {
        EnvironmentServing {
            if (targeting == null) targeting = Targeting.NONE;
        }
    }

    EnvironmentServing in(String environment) {
        EnvironmentServing serving = environments.get(environment);
        return serving != null ? serving : new EnvironmentServing(false, defaultVariation, offVariation, Targeting.NONE);
    }

    ServingState withEnvironment(String environment, EnvironmentServing serving) {
        Map<String, EnvironmentServing> next = new LinkedHashMap<>(environments);
        next.put(environment, serving);
        return new ServingState(variations, defaultVariation, offVariation, next);
    }

    ServingState withVariations(Map<String, Object> values) {
        return new ServingState(values, defaultVariation, offVariation, environments);
    }
}
