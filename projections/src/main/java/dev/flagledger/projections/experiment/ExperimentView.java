package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.ExperimentDefinition;
import dev.flagledger.domain.experiment.ExperimentServing;
import dev.flagledger.domain.experiment.ExperimentStatus;

import java.time.Instant;

/** An experiment as the API and the event pipeline see it; {@code serving} is null until it starts. */
public record ExperimentView(String id, String projectKey, String key, ExperimentStatus status,
                             ExperimentDefinition definition, ExperimentServing serving, int currentPeriod,
                             Instant startedAt, Instant stoppedAt, String shippedArm, String decision, long version,
                             Instant createdAt, Instant updatedAt) {
}
