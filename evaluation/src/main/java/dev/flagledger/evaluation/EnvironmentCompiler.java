package dev.flagledger.evaluation;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import dev.flagledger.evaluation.bucketing.BucketRanges;
import dev.flagledger.evaluation.model.Bucketing;
import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.Prerequisite;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.evaluation.model.SegmentRule;
import dev.flagledger.evaluation.model.Served;
import dev.flagledger.evaluation.model.WeightedVariant;
import dev.flagledger.evaluation.operator.AttributeOperator;
import dev.flagledger.evaluation.operator.Operator;
import dev.flagledger.evaluation.operator.OperatorRegistry;
import dev.flagledger.evaluation.operator.SegmentOperator;

/**
 * Turns definitions into their compiled form. A definition that fails to compile is set aside
 * with its reason (and evaluates to {@code PARSE_ERROR}); it never takes the environment down.
 * A flag or segment that names an invalid segment is invalid too: guessing "not a member" could
 * serve a negated rule to everyone.
 */
final class EnvironmentCompiler {
    static final String PREREQUISITE_FAILED = "PREREQUISITE_FAILED";

    private final OperatorRegistry registry;

    EnvironmentCompiler(OperatorRegistry registry) {
        this.registry = registry;
    }

    /**
     * The compiled environment, plus the reasons for everything that did not compile, and what each
     * definition compiled to, so the next compile of the environment can reuse it.
     */
    record Compiled(Map<String, CompiledFlag> flags, Map<String, CompiledSegment> segments,
                    Map<String, String> invalidFlags, Map<String, String> invalidSegments,
                    Map<String, Reusable<FlagConfig, CompiledFlag>> flagSources,
                    Map<String, Reusable<Segment, CompiledSegment>> segmentSources) {
        static final Compiled NONE = new Compiled(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * One definition and what it compiled to, with the segments it names. A compiled flag or segment
     * depends on nothing but its own definition (segments are referenced by key and resolved when
     * evaluating), so the very same definition instance compiles to an equivalent object again.
     */
    record Reusable<D, C>(D definition, C compiled, Set<String> segmentRefs) {
    }

    Compiled compile(EnvironmentDefinition definition) {
        return compile(definition, Compiled.NONE);
    }

    /**
     * Compiles an environment, reusing what {@code previous} compiled from the same definition
     * instances: a change to one flag of a large environment then compiles that flag alone.
     * Invalidity is worked out again in full; it depends on the whole set.
     */
    Compiled compile(EnvironmentDefinition definition, Compiled previous) {
        Map<String, String> invalidSegments = new LinkedHashMap<>(definition.invalidSegments());
        Map<String, CompiledSegment> segments = new HashMap<>();
        Map<String, Set<String>> segmentRefs = new HashMap<>();
        Map<String, Reusable<Segment, CompiledSegment>> segmentSources = new HashMap<>();
        for (Segment segment : definition.segments()) {
            if (segments.containsKey(segment.key()) || invalidSegments.containsKey(segment.key())) {
                invalidSegments.put(segment.key(), "segment '" + segment.key() + "' is defined twice");
                segments.remove(segment.key());
                continue;
            }
            try {
                Reusable<Segment, CompiledSegment> compiled = reuse(previous.segmentSources().get(segment.key()),
                        segment, this::compileSegment);
                segments.put(segment.key(), compiled.compiled());
                segmentRefs.put(segment.key(), compiled.segmentRefs());
                segmentSources.put(segment.key(), compiled);
            } catch (InvalidConfigException e) {
                invalidSegments.put(segment.key(), e.getMessage());
            }
        }
        // Invalidity spreads along segment references until nothing changes (segments nest).
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var it = segments.keySet().iterator(); it.hasNext(); ) {
                String key = it.next();
                String bad = firstInvalid(segmentRefs.get(key), invalidSegments);
                if (bad != null) {
                    invalidSegments.put(key, "segment '" + key + "' uses invalid segment '" + bad + "'");
                    it.remove();
                    changed = true;
                }
            }
        }

        Map<String, String> invalidFlags = new LinkedHashMap<>(definition.invalidFlags());
        Map<String, CompiledFlag> flags = new HashMap<>();
        Map<String, Reusable<FlagConfig, CompiledFlag>> flagSources = new HashMap<>();
        for (FlagConfig flag : definition.flags()) {
            if (flags.containsKey(flag.key()) || invalidFlags.containsKey(flag.key())) {
                invalidFlags.put(flag.key(), "flag '" + flag.key() + "' is defined twice");
                flags.remove(flag.key());
                continue;
            }
            try {
                Reusable<FlagConfig, CompiledFlag> compiled = reuse(previous.flagSources().get(flag.key()), flag,
                        this::compileFlag);
                flagSources.put(flag.key(), compiled);
                String bad = firstInvalid(compiled.segmentRefs(), invalidSegments);
                if (bad != null) {
                    invalidFlags.put(flag.key(), "flag '" + flag.key() + "' uses invalid segment '" + bad + "': "
                            + invalidSegments.get(bad));
                } else {
                    flags.put(flag.key(), compiled.compiled());
                }
            } catch (InvalidConfigException e) {
                invalidFlags.put(flag.key(), e.getMessage());
            }
        }
        return new Compiled(Map.copyOf(flags), Map.copyOf(segments),
                Collections.unmodifiableMap(invalidFlags), Collections.unmodifiableMap(invalidSegments),
                Map.copyOf(flagSources), Map.copyOf(segmentSources));
    }

    private static <D, C> Reusable<D, C> reuse(Reusable<D, C> previous, D definition,
                                               BiFunction<D, Set<String>, C> compiler) {
        if (previous != null && previous.definition() == definition) return previous;
        Set<String> refs = new LinkedHashSet<>();
        return new Reusable<>(definition, compiler.apply(definition, refs), Collections.unmodifiableSet(refs));
    }

    private static String firstInvalid(Set<String> refs, Map<String, String> invalid) {
        for (String ref : refs) {
            if (invalid.containsKey(ref)) {
                return ref;
            }
        }
        return null;
    }

    private CompiledSegment compileSegment(Segment segment, Set<String> segmentRefs) {
        CompiledSegment.Rule[] rules = new CompiledSegment.Rule[segment.rules().size()];
        for (int i = 0; i < rules.length; i++) {
            SegmentRule rule = segment.rules().get(i);
            rules[i] = new CompiledSegment.Rule(rule.id(), compileClauses(rule.clauses(), segmentRefs), rule.weight(),
                    AttributePath.of(rule.bucketBy()), rule.bucketing());
        }
        return new CompiledSegment(segment.key(), segment.included(), segment.excluded(), rules, segment.salt());
    }

    private CompiledFlag compileFlag(FlagConfig flag, Set<String> segmentRefs) {
        Map<String, Object> metadata = Map.of("flagVersion", flag.version());
        Object offValue = flag.offVariation() == null ? null : flag.variations().get(flag.offVariation());
        EvaluationResult disabled = EvaluationResult.served(offValue, flag.offVariation(), Reason.DISABLED, null,
                false, metadata);

        CompiledPrerequisite[] prerequisites = new CompiledPrerequisite[flag.prerequisites().size()];
        for (int i = 0; i < prerequisites.length; i++) {
            Prerequisite prerequisite = flag.prerequisites().get(i);
            // Reason TARGETING_MATCH: a prerequisite is decided per context, so DISABLED (the
            // environment toggle) would mislead dashboards; the metadata says what happened.
            EvaluationResult failed = EvaluationResult.served(offValue, flag.offVariation(), Reason.TARGETING_MATCH,
                    null, false, Map.of("flagVersion", flag.version(),
                            "prerequisiteFailed", prerequisite.flagKey(),
                            "reasonDetail", PREREQUISITE_FAILED));
            prerequisites[i] = new CompiledPrerequisite(prerequisite.flagKey(), prerequisite.variant(), failed);
        }

        Map<String, String> targetIndex = new HashMap<>();
        Map<String, EvaluationResult> targetResults = new HashMap<>();
        for (String variant : flag.variations().keySet()) {
            Set<String> keys = flag.targets().get(variant);
            if (keys == null) {
                continue;
            }
            keys.forEach(key -> targetIndex.putIfAbsent(key, variant));
            targetResults.put(variant, EvaluationResult.served(flag.variations().get(variant), variant,
                    Reason.TARGETING_MATCH, null, true, metadata));
        }

        CompiledRule[] rules = new CompiledRule[flag.rules().size()];
        Set<String> ruleIds = new java.util.HashSet<>();
        for (int i = 0; i < rules.length; i++) {
            Rule rule = flag.rules().get(i);
            if (!ruleIds.add(rule.id())) {
                throw new InvalidConfigException("flag '" + flag.key() + "' has two rules with id '" + rule.id() + "'");
            }
            rules[i] = new CompiledRule(rule.id(), compileClauses(rule.clauses(), segmentRefs),
                    compileServe(flag, rule.served(), rule.id(), Reason.TARGETING_MATCH, metadata));
        }
        CompiledServe fallthrough = compileServe(flag, flag.fallthrough(), null, Reason.DEFAULT, metadata);
        return new CompiledFlag(flag.key(), flag.valueType(), flag.enabled(), disabled, prerequisites,
                Map.copyOf(targetIndex), Map.copyOf(targetResults), flag.targets(), rules, fallthrough, metadata);
    }

    private CompiledServe compileServe(FlagConfig flag, Served served, String ruleId, Reason fixedReason,
                                       Map<String, Object> metadata) {
        if (served instanceof Served.Variation variation) {
            return new CompiledServe.Fixed(EvaluationResult.served(flag.variations().get(variation.variant()),
                    variation.variant(), fixedReason, ruleId, false, metadata));
        }
        Served.Rollout rollout = (Served.Rollout) served;
        Map<String, EvaluationResult> results = new HashMap<>();
        for (WeightedVariant weighted : rollout.weights()) {
            results.put(weighted.variant(), EvaluationResult.served(flag.variations().get(weighted.variant()),
                    weighted.variant(), Reason.SPLIT, ruleId, false, metadata));
        }
        String salt = rollout.salt() != null ? rollout.salt() : flag.salt();
        String origin = ruleId == null ? "the fallthrough" : "rule '" + ruleId + "'";
        int[] flagdWeights = null;
        EvaluationResult fallback = null;
        if (rollout.bucketing() instanceof Bucketing.Flagd flagd) {
            List<Integer> relative = flagd.relativeWeights();
            flagdWeights = new int[rollout.weights().size()];
            for (int i = 0; i < flagdWeights.length; i++) {
                flagdWeights[i] = relative != null ? relative.get(i) : rollout.weights().get(i).weight();
            }
            if (flagd.fallbackVariation() != null) {
                // flagd answers its default variant with reason DEFAULT when the split finds nothing.
                fallback = EvaluationResult.served(flag.variations().get(flagd.fallbackVariation()),
                        flagd.fallbackVariation(), Reason.DEFAULT, ruleId, false, metadata);
            }
        }
        return new CompiledServe.Split(rollout.weights(), AttributePath.of(rollout.bucketBy()), salt,
                Map.copyOf(results), origin, rollout.bucketing(), flagdWeights, fallback,
                rollout.hasRanges() ? BucketRanges.of(rollout.weights()) : null);
    }

    private CompiledClause[] compileClauses(List<Clause> clauses, Set<String> segmentRefs) {
        CompiledClause[] compiled = new CompiledClause[clauses.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compileClause(clauses.get(i), segmentRefs);
        }
        return compiled;
    }

    private CompiledClause compileClause(Clause clause, Set<String> segmentRefs) {
        Operator operator = registry.find(clause.operator()).orElseThrow(() -> new InvalidConfigException(
                "unknown operator '" + clause.operator() + "'; known: " + registry.names()));
        if (operator instanceof SegmentOperator segmentOperator) {
            List<String> keys = segmentOperator.segmentKeys(clause.values());
            segmentRefs.addAll(keys);
            return new CompiledClause.InSegment(clause, keys.toArray(String[]::new));
        }
        AttributeOperator attributeOperator = (AttributeOperator) operator;
        return new CompiledClause.OnAttribute(clause, AttributePath.of(clause.attribute()),
                attributeOperator.compile(clause.values()));
    }
}
