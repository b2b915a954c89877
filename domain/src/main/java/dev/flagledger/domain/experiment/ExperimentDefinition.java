package dev.flagledger.domain.experiment;

import java.util.List;

/**
 * What an experiment tests, on which flag and environment, how traffic is split and what it measures.
 * Plain data; {@link ExperimentCheck} validates it against the project, flag, segments and metrics.
 *
 * @param arms               the flag's variations with their weights; the first is the control
 * @param randomisationUnit  the context attribute hashed for assignment; null means {@code targetingKey}
 * @param plannedSampleSize  total units planned (optional)
 * @param plannedDurationDays planned duration (optional)
 * @param bandit             null for a fixed-weight A/B/n test
 */
public record ExperimentDefinition(String name, String hypothesis, String flagKey, String environment,
                                   List<Arm> arms, String randomisationUnit, Audience audience,
                                   String primaryMetric, List<String> guardrailMetrics,
                                   Long plannedSampleSize, Integer plannedDurationDays, BanditSettings bandit) {
    public ExperimentDefinition {
        arms = arms == null ? List.of() : List.copyOf(arms);
        guardrailMetrics = guardrailMetrics == null ? List.of() : List.copyOf(guardrailMetrics);
        audience = audience == null ? Audience.EVERYONE : audience;
    }

    /** Primary first, then the guardrails. */
    public List<String> metricKeys() {
        var keys = new java.util.ArrayList<String>();
        keys.add(primaryMetric);
        keys.addAll(guardrailMetrics);
        return keys;
    }
}
