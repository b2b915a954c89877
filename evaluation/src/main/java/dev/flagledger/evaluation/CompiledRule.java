package dev.flagledger.evaluation;

/** A flag rule ready to evaluate: clauses in order (ANDed) and what it serves. */
record CompiledRule(String id, CompiledClause[] clauses, CompiledServe serve) {
}
