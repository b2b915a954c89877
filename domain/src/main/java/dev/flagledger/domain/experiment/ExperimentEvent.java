package dev.flagledger.domain.experiment;

/** Facts about an experiment. Each names its experiment fully and carries the whole new value it changed. */
public sealed interface ExperimentEvent permits ExperimentCreated, ExperimentUpdated, ExperimentStarted,
        ExperimentReweighted, ExperimentStopped, ExperimentConcluded {
    String experimentId();

    String projectKey();

    String experimentKey();
}
