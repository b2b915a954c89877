package dev.flagledger.evaluation.model;

import java.util.List;

/** A targeting rule: all clauses must hold (an empty list always holds); then it serves. */
public record Rule(String id, List<Clause> clauses, Served served) {
    public Rule {
        Checks.requireText(id, "rule id");
        clauses = Checks.listOf(clauses, "rule clauses");
        Checks.require(served, "what rule '" + id + "' serves");
    }
}
