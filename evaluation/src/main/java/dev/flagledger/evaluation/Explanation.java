package dev.flagledger.evaluation;

import java.util.List;

/** An evaluation result with the steps that led to it, for the admin UI's debugger. */
public record Explanation(EvaluationResult result, List<TraceStep> trace) {
    public Explanation {
        trace = List.copyOf(trace);
    }
}
