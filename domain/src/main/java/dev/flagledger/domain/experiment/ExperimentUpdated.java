package dev.flagledger.domain.experiment;

/** A draft's definition was replaced. */
public record ExperimentUpdated(String experimentId, String projectKey, String experimentKey,
                                ExperimentDefinition definition) implements ExperimentEvent {
}
