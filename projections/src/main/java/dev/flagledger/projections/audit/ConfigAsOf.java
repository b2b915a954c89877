package dev.flagledger.projections.audit;

import dev.flagledger.evaluation.EvaluationConfig;

/**
 * An environment's evaluation config compiled as it was at an instant; {@code position} is the global
 * position of the newest event it reflects.
 */
public record ConfigAsOf(EvaluationConfig config, long position) {
}
