package dev.flagledger.evaluation;

import java.util.Set;

/** A segment ready to evaluate. */
record CompiledSegment(String key, Set<String> included, Set<String> excluded, Rule[] rules, String salt) {

    /** A segment rule: ANDed clauses, and optionally only {@code weight} of the matching contexts. */
    record Rule(String id, CompiledClause[] clauses, Integer weight, AttributePath bucketBy,
                dev.flagledger.evaluation.model.Bucketing bucketing) {
    }
}
