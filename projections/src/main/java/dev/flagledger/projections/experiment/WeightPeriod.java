package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.ReweightStatistics;
import dev.flagledger.domain.flag.Weight;

import java.time.Instant;
import java.util.List;

/** One weight period of an experiment: from its start or a re-weighting, with who, why and the bandit's statistics. */
public record WeightPeriod(int period, Instant startsAt, List<Weight> weights, ReweightStatistics statistics,
                           String actor, String reason) {
}
