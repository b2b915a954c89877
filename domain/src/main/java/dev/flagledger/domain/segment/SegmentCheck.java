package dev.flagledger.domain.segment;

import dev.flagledger.domain.flag.EngineModel;
import dev.flagledger.domain.flag.TargetingLimits;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.Segment;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a segment definition by its own shape, sizes, and the evaluation engine's compiler. */
final class SegmentCheck {
    private SegmentCheck() {
    }

    static SegmentDefinition check(String segmentKey, SegmentDefinition definition) {
        if (definition == null) throw new InvalidInput("a segment definition is required");
        String name = Text.required("name", definition.name(), Text.NAME_MAX);
        String description = Text.optional("description", definition.description(), Text.DESCRIPTION_MAX);
        int keys = TargetingLimits.keys("an included key", definition.included())
                + TargetingLimits.keys("an excluded key", definition.excluded());
        if (keys > TargetingLimits.MAX_KEYS)
            throw new InvalidInput("included and excluded keys: at most " + TargetingLimits.MAX_KEYS + ", got " + keys);
        TargetingLimits.atMost("segment rules", definition.rules(), TargetingLimits.MAX_RULES);
        Set<String> ids = new HashSet<>();
        for (SegmentRule rule : definition.rules()) {
            if (rule == null) throw new InvalidInput("a segment rule must not be null");
            if (!ids.add(TargetingLimits.ruleId(rule.id())))
                throw new InvalidInput("two segment rules have the id " + rule.id());
            TargetingLimits.clauses(rule.clauses());
        }
        SegmentDefinition checked = new SegmentDefinition(name, description,
                List.copyOf(new LinkedHashSet<>(definition.included())),
                List.copyOf(new LinkedHashSet<>(definition.excluded())), definition.rules(),
                behaviour(definition.behaviour()));
        compile(segmentKey, checked);
        return checked;
    }

    private static final java.util.regex.Pattern EVENT_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    /** A behavioural cohort names an event (with a count and a look-back) or an experiment's arm, not both. */
    private static Behaviour behaviour(Behaviour behaviour) {
        if (behaviour == null) return null;
        boolean event = behaviour.eventName() != null;
        boolean arm = behaviour.experimentKey() != null || behaviour.arm() != null;
        if (event == arm) throw new InvalidInput("a cohort is either an event (eventName, minCount, days) or an experiment arm (experimentKey, arm)");
        if (event) {
            Text.matching("cohort eventName", behaviour.eventName(), EVENT_NAME);
            if (behaviour.environment() == null || behaviour.environment().isBlank())
                throw new InvalidInput("an event cohort names the environment whose events count");
            int min = behaviour.minCount() == null ? 1 : behaviour.minCount();
            int days = behaviour.days() == null ? 30 : behaviour.days();
            if (min < 1 || min > 1_000_000) throw new InvalidInput("cohort minCount must be 1 to 1 000 000");
            if (days < 1 || days > 366) throw new InvalidInput("cohort days must be 1 to 366");
            return new Behaviour(behaviour.environment(), behaviour.eventName(), min, days, null, null);
        }
        if (behaviour.experimentKey() == null || behaviour.arm() == null)
            throw new InvalidInput("an arm cohort names both experimentKey and arm");
        TargetingLimits.text("cohort experimentKey", behaviour.experimentKey());
        TargetingLimits.text("cohort arm", behaviour.arm());
        return new Behaviour(null, null, null, null, behaviour.experimentKey(), behaviour.arm());
    }

    /** Whatever the engine cannot compile (operators, value shapes, regex bounds, weights) is refused. */
    private static void compile(String segmentKey, SegmentDefinition definition) {
        Segment segment;
        try {
            segment = EngineModel.segment(segmentKey, definition, 0);
        } catch (InvalidConfigException invalid) {
            throw new InvalidInput(invalid.getMessage());
        }
        // Named segments are stubbed as valid here; their existence is checked against the catalog.
        List<Segment> all = new java.util.ArrayList<>(List.of(segment));
        definition.segmentKeys().distinct().filter(key -> !key.equals(segmentKey))
                .forEach(key -> all.add(new Segment(key, Set.of(), Set.of(), List.of(), null, 0)));
        Map<String, String> invalid = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(), all))
                .invalidSegments();
        if (!invalid.isEmpty()) throw new InvalidInput(invalid.values().iterator().next());
    }
}
