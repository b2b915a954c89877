package dev.flagledger.domain.segment;

import java.util.List;
import java.util.stream.Stream;

/**
 * Who is in a segment: excluded keys never, included keys always, otherwise anyone a rule matches.
 * The whole value travels in every segment event (CONVENTIONS §2). With a {@code behaviour} the segment is
 * a behavioural cohort: its included keys are maintained by the cohort refresher (absent in events stored
 * before cohorts existed, which read as null).
 */
public record SegmentDefinition(String name, String description, List<String> included, List<String> excluded,
                                List<SegmentRule> rules, Behaviour behaviour) {
    public SegmentDefinition {
        included = included == null ? List.of() : List.copyOf(included);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public SegmentDefinition(String name, String description, List<String> included, List<String> excluded,
                             List<SegmentRule> rules) {
        this(name, description, included, excluded, rules, null);
    }

    /** Segments named by this one's {@code inSegment} clauses. */
    public Stream<String> segmentKeys() {
        return rules.stream().flatMap(rule -> rule.clauses().stream()).flatMap(clause -> clause.segmentKeys());
    }
}
