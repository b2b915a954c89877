package dev.flagledger.stats.sequential;

/** Always-valid intervals for the absolute and relative effect of one treatment arm. */
public record SequentialResult(ConfidenceSequence.Interval absolute, ConfidenceSequence.Interval relative,
                               double alpha) {}
