package dev.flagledger.domain.experiment;

import java.time.Instant;

/** The experiment started serving its flag in its environment; {@code serving} is the rule it adds. */
public record ExperimentStarted(String experimentId, String projectKey, String experimentKey, String flagId,
                                String flagKey, String environment, ExperimentServing serving, Instant startedAt)
        implements ExperimentEvent {
}
