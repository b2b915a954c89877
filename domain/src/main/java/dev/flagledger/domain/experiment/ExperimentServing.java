package dev.flagledger.domain.experiment;

import dev.flagledger.domain.flag.Clause;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.Serve;
import dev.flagledger.domain.flag.TargetingRule;
import dev.flagledger.domain.flag.Weight;

import java.util.List;

/**
 * How a running experiment serves its flag: one targeting rule, placed first, whose clauses are the
 * audience and whose rollout splits the arms with the experiment's own salt (CONVENTIONS §3).
 */
public record ExperimentServing(String ruleId, List<Clause> clauses, List<Weight> weights, String bucketBy,
                                String salt) {
    public ExperimentServing {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
        weights = weights == null ? List.of() : List.copyOf(weights);
    }

    public TargetingRule rule(String experimentKey) {
        return new TargetingRule(ruleId, "experiment " + experimentKey, clauses,
                Serve.rollout(new Rollout(weights, bucketBy, salt)));
    }

    public ExperimentServing withWeights(List<Weight> next) {
        return new ExperimentServing(ruleId, clauses, next, bucketBy, salt);
    }
}
