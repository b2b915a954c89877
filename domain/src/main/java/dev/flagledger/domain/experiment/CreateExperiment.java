package dev.flagledger.domain.experiment;

import dev.flagledger.domain.project.ProjectKey;

/** Creates a draft experiment; its key must be unused in the project. */
public record CreateExperiment(String experimentId, ProjectKey projectKey, ExperimentKey experimentKey,
                               ExperimentDefinition definition) {
}
