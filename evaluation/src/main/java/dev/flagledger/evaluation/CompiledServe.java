package dev.flagledger.evaluation;

import java.util.List;
import java.util.Map;

import dev.flagledger.evaluation.model.WeightedVariant;

/** What a rule or the fallthrough serves, with its results built ahead so serving allocates nothing. */
sealed interface CompiledServe permits CompiledServe.Fixed, CompiledServe.Split {

    /** A fixed variant: the result is the same for every context. */
    record Fixed(EvaluationResult result) implements CompiledServe {
    }

    /**
     * A rollout: {@code results} holds the result for each variant it may pick.
     *
     * @param origin where it sits ("rule 'r1'" or "the fallthrough"), for error messages
     */
    record Split(List<WeightedVariant> weights, AttributePath bucketBy, String salt,
                 Map<String, EvaluationResult> results, String origin) implements CompiledServe {
    }
}
