package dev.flagledger.domain.experiment;

/** The written decision: which arm ships (null: none) and why. */
public record ExperimentConcluded(String experimentId, String projectKey, String experimentKey, String shippedArm,
                                  String decision) implements ExperimentEvent {
}
