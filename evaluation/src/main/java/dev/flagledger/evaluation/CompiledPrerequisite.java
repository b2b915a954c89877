package dev.flagledger.evaluation;

/** A prerequisite and the result its flag serves when it is not met. */
record CompiledPrerequisite(String flagKey, String variant, EvaluationResult failed) {
}
