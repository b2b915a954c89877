package dev.flagledger.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Prerequisite;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Served;
import dev.flagledger.evaluation.model.ValueType;
import dev.flagledger.evaluation.model.WeightedVariant;

/** Small builders for engine tests: boolean flags with variants "on" and "off". */
final class Flags {
    private Flags() {
    }

    static FlagConfig booleanFlag(String key, List<Rule> rules, Served fallthrough) {
        return booleanFlag(key, Map.of(), rules, fallthrough, List.of());
    }

    static FlagConfig booleanFlag(String key, Map<String, Set<String>> targets, List<Rule> rules, Served fallthrough,
                                  List<Prerequisite> prerequisites) {
        Map<String, Object> variations = new LinkedHashMap<>();
        variations.put("on", true);
        variations.put("off", false);
        return new FlagConfig(key, ValueType.BOOLEAN, variations, true, "off", targets, rules, fallthrough,
                prerequisites, null, 1);
    }

    static Served.Variation serve(String variant) {
        return new Served.Variation(variant);
    }

    static Served.Rollout split(int onWeight) {
        return new Served.Rollout(List.of(new WeightedVariant("on", onWeight),
                new WeightedVariant("off", 100_000 - onWeight)), null, null);
    }

    static Clause clause(String attribute, String operator, Object... values) {
        return new Clause(attribute, operator, List.of(values), false);
    }

    static EvaluationContext user(String key, Map<String, ?> attributes) {
        return EvaluationContext.of(key, attributes);
    }
}
