package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.InvalidConfigException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a flag's targeting against its own variations and sizes, then compiles it with the
 * evaluation engine: operators, value shapes, regex bounds, semver, numbers and instants are
 * accepted exactly when the engine can evaluate them. Cross-flag and segment checks need ports and
 * live in the aggregate.
 */
final class TargetingCheck {
    private TargetingCheck() {
    }

    static Targeting check(String flagKey, ValueType valueType, List<Variation> variations,
                           FlagEnvironment environment, Targeting targeting) {
        if (targeting == null) throw new InvalidInput("targeting is required");
        limits(targeting);
        Set<String> known = new HashSet<>();
        variations.forEach(variation -> known.add(variation.key()));
        targeting.servedVariations().filter(variation -> variation == null || !known.contains(variation)).findFirst()
                .ifPresent(variation -> {
                    throw new InvalidInput("targeting serves variation " + variation + ", which flag " + flagKey
                            + " does not have");
                });
        targeting.rules().forEach(rule -> EngineModel.served(rule.serve()));
        compile(flagKey, valueType, variations, environment, targeting);
        return targeting;
    }

    private static void limits(Targeting targeting) {
        TargetingLimits.atMost("prerequisites", targeting.prerequisites(), TargetingLimits.MAX_PREREQUISITES);
        TargetingLimits.atMost("rules", targeting.rules(), TargetingLimits.MAX_RULES);
        int keys = 0;
        for (Target target : targeting.targets()) keys += TargetingLimits.keys("a targeted key", target.keys());
        if (keys > TargetingLimits.MAX_KEYS)
            throw new InvalidInput("individual targets: at most " + TargetingLimits.MAX_KEYS + " keys, got " + keys);
        Set<String> ids = new HashSet<>();
        for (TargetingRule rule : targeting.rules()) {
            if (rule == null) throw new InvalidInput("a rule must not be null");
            if (!ids.add(TargetingLimits.ruleId(rule.id()))) throw new InvalidInput("two rules have the id " + rule.id());
            if (rule.description() != null && rule.description().length() > TargetingLimits.MAX_TEXT)
                throw new InvalidInput("a rule description is at most " + TargetingLimits.MAX_TEXT + " characters");
            TargetingLimits.clauses(rule.clauses());
        }
    }

    /** The engine is the one definition of what evaluates: whatever it cannot compile is refused. */
    private static void compile(String flagKey, ValueType valueType, List<Variation> variations,
                                FlagEnvironment environment, Targeting targeting) {
        FlagConfig config;
        try {
            config = EngineModel.flag(flagKey, valueType, variations, environment, targeting, 0);
        } catch (InvalidConfigException invalid) {
            throw new InvalidInput(invalid.getMessage());
        }
        Map<String, String> invalid = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(config), List.of()))
                .invalidFlags();
        if (!invalid.isEmpty()) throw new InvalidInput(invalid.values().iterator().next());
    }
}
