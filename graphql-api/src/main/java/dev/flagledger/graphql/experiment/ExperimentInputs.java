package dev.flagledger.graphql.experiment;

import dev.flagledger.domain.experiment.Arm;
import dev.flagledger.domain.experiment.Audience;
import dev.flagledger.domain.experiment.BanditSettings;
import dev.flagledger.domain.experiment.ExperimentDefinition;
import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.MetricDirection;
import dev.flagledger.domain.experiment.MetricKind;
import dev.flagledger.domain.experiment.MetricSource;

import java.util.List;

/** The experiment capability's GraphQL inputs, bound by Spring for GraphQL. */
final class ExperimentInputs {
    private ExperimentInputs() {
    }

    record DefineMetricInput(String projectKey, String key, String name, String description, MetricKind kind,
                             MetricSource source, String eventName, String denominatorEvent, Integer windowHours,
                             MetricDirection direction, Double capPercentile, String reason) {
        MetricDefinition definition() {
            return new MetricDefinition(name, description, kind, source, eventName, denominatorEvent, windowHours,
                    direction, capPercentile);
        }
    }

    record UpdateMetricInput(String projectKey, String key, String name, String description, MetricKind kind,
                             MetricSource source, String eventName, String denominatorEvent, Integer windowHours,
                             MetricDirection direction, Double capPercentile, long expectedVersion, String reason) {
        MetricDefinition definition() {
            return new MetricDefinition(name, description, kind, source, eventName, denominatorEvent, windowHours,
                    direction, capPercentile);
        }
    }

    record ExperimentDefinitionInput(String name, String hypothesis, String flagKey, String environment, List<Arm> arms,
                                     String randomisationUnit, Audience audience, String primaryMetric,
                                     List<String> guardrailMetrics, Long plannedSampleSize, Integer plannedDurationDays,
                                     BanditSettings bandit) {
        ExperimentDefinition definition() {
            return new ExperimentDefinition(name, hypothesis, flagKey, environment, arms, randomisationUnit, audience,
                    primaryMetric, guardrailMetrics, plannedSampleSize, plannedDurationDays, bandit);
        }
    }

    record CreateExperimentInput(String projectKey, String key, ExperimentDefinitionInput definition, String reason) {
    }

    record UpdateExperimentInput(String projectKey, String key, ExperimentDefinitionInput definition,
                                 long expectedVersion, String reason) {
    }

    record ExperimentTransitionInput(String projectKey, String key, String environment, long expectedVersion,
                                     String reason) {
    }

    record ReweightExperimentInput(String projectKey, String key, String environment, List<Arm> arms,
                                   long expectedVersion, String reason) {
    }

    record ConcludeExperimentInput(String projectKey, String key, String environment, String shippedArm,
                                   String decision, long expectedVersion, String reason) {
    }

    record ImportMetricValuesInput(String projectKey, String experimentKey, String environment, String metricKey,
                                   String csv) {
    }

    record ExperimentPowerInput(Double baselineRate, Double baselineMean, Double baselineStandardDeviation,
                                Double relativeEffect, Integer unitsPerArm, Double power, Double alpha, Integer arms) {
    }
}
