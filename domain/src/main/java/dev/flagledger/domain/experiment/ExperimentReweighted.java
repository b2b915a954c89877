package dev.flagledger.domain.experiment;

import java.time.Instant;

/**
 * The arms' weights changed (by hand, or by the bandit with its {@code statistics}); {@code period}
 * counts weight periods from 0 (the start), so the analysis can stratify by it.
 */
public record ExperimentReweighted(String experimentId, String projectKey, String experimentKey, String flagId,
                                   String flagKey, String environment, ExperimentServing serving, int period,
                                   Instant reweightedAt, ReweightStatistics statistics) implements ExperimentEvent {
}
