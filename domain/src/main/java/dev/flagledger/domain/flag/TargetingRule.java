package dev.flagledger.domain.flag;

import java.util.List;

/** An ordered targeting rule: all clauses must hold (none means everyone), then it serves. */
public record TargetingRule(String id, String description, List<Clause> clauses, Serve serve) {
    public TargetingRule {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }
}
