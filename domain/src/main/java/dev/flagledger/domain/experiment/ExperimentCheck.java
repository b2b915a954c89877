package dev.flagledger.domain.experiment;

import dev.flagledger.domain.flag.FlagCatalog;
import dev.flagledger.domain.flag.FlagFacts;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.TargetingLimits;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validates an experiment definition against its project, flag, segments and metrics. */
public final class ExperimentCheck {
    static final int MAX_ARMS = 20;
    static final int MAX_GUARDRAILS = 20;
    static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;

    private ExperimentCheck() {
    }

    /** The definition, normalised, and the flag it runs on. */
    record Checked(ExperimentDefinition definition, FlagFacts flag) {
    }

    static Checked check(ExperimentDefinition definition, ProjectFacts project, FlagCatalog flags,
                         SegmentCatalog segments, MetricCatalog metrics) {
        if (definition == null) throw new InvalidInput("an experiment definition is required");
        String name = Text.required("name", definition.name(), Text.NAME_MAX);
        String hypothesis = Text.required("hypothesis", definition.hypothesis(), Text.DESCRIPTION_MAX);
        if (definition.environment() == null) throw new InvalidInput("environment is required");
        project.environment(definition.environment());
        if (definition.flagKey() == null) throw new InvalidInput("flagKey is required");
        FlagFacts flag = flags.find(project.key(), definition.flagKey())
                .orElseThrow(() -> new NotFound("no flag " + Text.abbreviate(definition.flagKey()) + " in project "
                        + project.key()));
        if (flag.archived()) throw new InvalidInput("flag " + flag.flagKey() + " is archived");
        List<Arm> arms = arms(definition.arms(), flag);
        String unit = definition.randomisationUnit();
        if (unit != null && (unit.isBlank() || "targetingKey".equals(unit))) unit = null;
        if (unit != null) TargetingLimits.text("randomisationUnit", unit);
        Audience audience = audience(definition.audience(), project.key(), segments);
        List<String> guardrails = definition.guardrailMetrics();
        TargetingLimits.atMost("guardrail metrics", guardrails, MAX_GUARDRAILS);
        if (definition.primaryMetric() == null) throw new InvalidInput("primaryMetric is required");
        Set<String> seen = new HashSet<>();
        for (String key : definition.metricKeys()) {
            if (!seen.add(key)) throw new InvalidInput("metric " + Text.abbreviate(key) + " is named twice");
            metrics.find(project.key(), key).orElseThrow(() -> new NotFound("no metric " + Text.abbreviate(key)
                    + " in project " + project.key()));
        }
        Long sample = definition.plannedSampleSize();
        if (sample != null && sample < 2) throw new InvalidInput("plannedSampleSize must be at least 2");
        Integer days = definition.plannedDurationDays();
        if (days != null && (days < 1 || days > 366)) throw new InvalidInput("plannedDurationDays must be in [1, 366]");
        BanditSettings bandit = bandit(definition.bandit(), arms.size());
        return new Checked(new ExperimentDefinition(name, hypothesis, flag.flagKey(), definition.environment(), arms,
                unit, audience, definition.primaryMetric(), guardrails, sample, days, bandit), flag);
    }

    static List<Arm> arms(List<Arm> requested, FlagFacts flag) {
        if (requested.size() < 2) throw new InvalidInput("an experiment needs at least two arms");
        TargetingLimits.atMost("arms", requested, MAX_ARMS);
        Set<String> variations = new HashSet<>();
        long total = 0;
        List<Arm> arms = new ArrayList<>();
        for (Arm arm : requested) {
            if (arm == null || arm.variation() == null) throw new InvalidInput("an arm names a variation");
            if (!flag.variations().contains(arm.variation()))
                throw new InvalidInput("arm " + Text.abbreviate(arm.variation()) + " is not a variation of flag "
                        + flag.flagKey());
            if (!variations.add(arm.variation())) throw new InvalidInput("arm " + arm.variation() + " is listed twice");
            if (arm.weight() < 0) throw new InvalidInput("arm weights must not be negative");
            total += arm.weight();
            arms.add(arm);
        }
        if (total != Rollout.TOTAL_WEIGHT)
            throw new InvalidInput("arm weights must sum to " + Rollout.TOTAL_WEIGHT + " (100 %), got " + total);
        return arms;
    }

    private static Audience audience(Audience audience, String projectKey, SegmentCatalog segments) {
        if (audience.segmentKey() != null) {
            if (!audience.clauses().isEmpty()) throw new InvalidInput("an audience is a segment or clauses, not both");
            var segment = segments.find(projectKey, audience.segmentKey()).orElseThrow(() ->
                    new NotFound("no segment " + Text.abbreviate(audience.segmentKey()) + " in project " + projectKey));
            if (segment.archived()) throw new InvalidInput("segment " + segment.key() + " is archived");
            return audience;
        }
        TargetingLimits.clauses(audience.clauses());
        return audience;
    }

    private static BanditSettings bandit(BanditSettings bandit, int arms) {
        if (bandit == null) return null;
        if (bandit.burnInUnitsPerArm() < 10) throw new InvalidInput("bandit burn-in must be at least 10 units per arm");
        if (!(bandit.minimumShare() >= 0 && bandit.minimumShare() * arms < 1))
            throw new InvalidInput("bandit minimum share must be in [0, 1/arms)");
        if (bandit.intervalMinutes() < 1 || bandit.intervalMinutes() > MAX_INTERVAL_MINUTES)
            throw new InvalidInput("bandit interval must be 1 minute to 7 days");
        return bandit;
    }
}
