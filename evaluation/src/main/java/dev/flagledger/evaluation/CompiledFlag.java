package dev.flagledger.evaluation;

import java.util.Map;
import java.util.Set;

import dev.flagledger.evaluation.model.ValueType;

/**
 * A flag ready to evaluate: lookups built, regexes compiled, every fixed result prebuilt.
 *
 * @param targetIndex targeting key to variant; the first variant (in variation order) wins ties
 * @param targets     the original per-variant targets, kept for explain traces
 */
record CompiledFlag(String key, ValueType valueType, boolean enabled, EvaluationResult disabled,
                    CompiledPrerequisite[] prerequisites, Map<String, String> targetIndex,
                    Map<String, EvaluationResult> targetResults, Map<String, Set<String>> targets,
                    CompiledRule[] rules, CompiledServe fallthrough, Map<String, Object> metadata) {
}
