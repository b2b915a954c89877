package dev.flagledger.domain.experiment;

import java.time.Instant;

/**
 * The arms' weights changed (by hand, or by the bandit with its {@code statistics}); {@code period}
 * counts weight periods from 0 (the start), so the analysis can stratify by it.
 *
 * @param authorisedBy the approved change request behind it: for the bandit's automatic re-weighting the
 *                     one that started the experiment (its approval covers re-weighting within the bandit's
 *                     bounds), for one by hand the request that carried it; null when none was needed
 *                     (events written before approvals covered experiments read as null)
 */
public record ExperimentReweighted(String experimentId, String projectKey, String experimentKey, String flagId,
                                   String flagKey, String environment, ExperimentServing serving, int period,
                                   Instant reweightedAt, ReweightStatistics statistics, String authorisedBy)
        implements ExperimentEvent {

    public ExperimentReweighted(String experimentId, String projectKey, String experimentKey, String flagId,
                                String flagKey, String environment, ExperimentServing serving, int period,
                                Instant reweightedAt, ReweightStatistics statistics) {
        this(experimentId, projectKey, experimentKey, flagId, flagKey, environment, serving, period, reweightedAt,
                statistics, null);
    }
}
