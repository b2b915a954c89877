package dev.flagledger.evaluation.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One flag's configuration in one environment, exactly what evaluation needs. The record checks
 * everything it can see by itself: value types and that every referenced variant exists.
 * Operators and segments are checked when the environment is compiled.
 *
 * @param variations   variant key to value, in display order (that order breaks target ties)
 * @param offVariation served when off or a prerequisite fails; null lets the SDK use the caller's default
 * @param targets      variant key to the targeting keys that always get it
 * @param salt         null means the flag key
 */
public record FlagConfig(String key, ValueType valueType, Map<String, Object> variations, boolean enabled,
                         String offVariation, Map<String, Set<String>> targets, List<Rule> rules,
                         Served fallthrough, List<Prerequisite> prerequisites, String salt, long version) {
    public FlagConfig {
        Checks.requireText(key, "flag key");
        Checks.require(valueType, "valueType of flag '" + key + "'");
        variations = freezeVariations(key, valueType, variations);
        targets = copyTargets(targets);
        rules = Checks.listOf(rules, "rules");
        Checks.require(fallthrough, "fallthrough of flag '" + key + "'");
        prerequisites = Checks.listOf(prerequisites, "prerequisites");
        salt = salt == null ? key : Checks.requireText(salt, "salt");

        Stream<String> referenced = Stream.of(
                offVariation == null ? Stream.<String>empty() : Stream.of(offVariation),
                targets.keySet().stream(),
                rules.stream().flatMap(rule -> rule.served().variants()),
                fallthrough.variants()).flatMap(s -> s);
        Map<String, Object> known = variations;
        referenced.filter(variant -> !known.containsKey(variant)).findFirst().ifPresent(variant -> {
            throw new InvalidConfigException("flag '" + key + "' refers to unknown variant '" + variant + "'");
        });
        if (prerequisites.stream().anyMatch(p -> p.flagKey().equals(key))) {
            throw new InvalidConfigException("flag '" + key + "' cannot be its own prerequisite");
        }
    }

    private static Map<String, Object> freezeVariations(String key, ValueType type, Map<String, Object> variations) {
        if (variations == null || variations.isEmpty()) {
            throw new InvalidConfigException("flag '" + key + "' needs at least one variation");
        }
        for (Map.Entry<String, Object> entry : variations.entrySet()) {
            Checks.requireText(entry.getKey(), "variant key");
            if (!type.accepts(entry.getValue())) {
                throw new InvalidConfigException("variation '" + entry.getKey() + "' of flag '" + key
                        + "' is not a " + type.jsonName() + ": " + entry.getValue());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) JsonValues.freeze(variations);
        return frozen;
    }

    private static Map<String, Set<String>> copyTargets(Map<String, Set<String>> targets) {
        if (targets == null) {
            return Map.of();
        }
        Map<String, Set<String>> copy = new java.util.LinkedHashMap<>();
        targets.forEach((variant, keys) -> copy.put(Checks.requireText(variant, "target variant"),
                Checks.setOf(keys, "target key")));
        return Checks.orderedMap(copy);
    }
}
