package dev.flagledger.domain.experiment;

import dev.flagledger.domain.flag.Clause;

import java.util.List;

/**
 * Who may enter the experiment: members of {@code segmentKey}, or contexts matching all {@code clauses}
 * (targeting clauses, CONVENTIONS §3); neither means everyone who reaches the experiment's rule.
 */
public record Audience(String segmentKey, List<Clause> clauses) {
    public static final Audience EVERYONE = new Audience(null, List.of());

    public Audience {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    /** The experiment rule's clauses. */
    public List<Clause> asClauses() {
        if (segmentKey != null) return List.of(new Clause(null, Clause.IN_SEGMENT, List.of(segmentKey), false));
        return clauses;
    }
}
