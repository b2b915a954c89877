package dev.flagledger.domain.experiment;

/** A draft experiment was created. */
public record ExperimentCreated(String experimentId, String projectKey, String experimentKey,
                                ExperimentDefinition definition) implements ExperimentEvent {
}
