package dev.flagledger.evaluation;

import java.util.List;
import java.util.Map;

import dev.flagledger.evaluation.bucketing.BucketRanges;
import dev.flagledger.evaluation.model.Bucketing;
import dev.flagledger.evaluation.model.WeightedVariant;

/** What a rule or the fallthrough serves, with its results built ahead so serving allocates nothing. */
sealed interface CompiledServe permits CompiledServe.Fixed, CompiledServe.Split {

    /** A fixed variant: the result is the same for every context. */
    record Fixed(EvaluationResult result) implements CompiledServe {
    }

    /**
     * A rollout: {@code results} holds the result for each variant it may pick.
     *
     * @param origin    where it sits ("rule 'r1'" or "the fallthrough"), for error messages
     * @param bucketing null for Flagledger's own bucketing, else an imported platform's
     * @param flagdWeights the weights flagd's walk uses (flagd bucketing only)
     * @param fallback  what flagd bucketing serves where flagd falls back to its default (or null)
     * @param ranges    the variants' explicit bucket ranges, or null for the cumulative walk
     */
    record Split(List<WeightedVariant> weights, AttributePath bucketBy, String salt,
                 Map<String, EvaluationResult> results, String origin, Bucketing bucketing, int[] flagdWeights,
                 EvaluationResult fallback, BucketRanges ranges) implements CompiledServe {
    }
}
