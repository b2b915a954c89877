package dev.flagledger.domain.segment;

import dev.flagledger.domain.shared.InvalidInput;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule "a rule may only name segments that exist", and for segments also "no segment contains
 * itself, and nesting stays within what the engine follows". Decided against a consistent catalog.
 */
public final class SegmentReferences {
    /** The engine follows nested {@code inSegment} at most this deep (docs/evaluation.md). */
    public static final int MAX_DEPTH = 8;

    private SegmentReferences() {
    }

    /** Every named segment exists in the project and is not archived. */
    public static void requireExisting(String projectKey, List<String> segmentKeys, SegmentCatalog segments) {
        for (String key : new HashSet<>(segmentKeys)) {
            SegmentFacts facts = segments.find(projectKey, key)
                    .orElseThrow(() -> new InvalidInput("no segment " + key + " in project " + projectKey));
            if (facts.archived()) throw new InvalidInput("segment " + key + " is archived");
        }
    }

    /** Following the references from {@code self}'s new rules never returns to it, and stays shallow. */
    static void requireAcyclic(String projectKey, String self, List<String> direct, SegmentCatalog segments) {
        record Step(String key, int depth) {
        }
        Deque<Step> pending = new ArrayDeque<>();
        direct.forEach(key -> pending.push(new Step(key, 1)));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Step step = pending.pop();
            if (step.key().equals(self))
                throw new InvalidInput("segment " + self + " would contain itself through " + direct);
            if (step.depth() > MAX_DEPTH)
                throw new InvalidInput("segments nest at most " + MAX_DEPTH + " deep");
            if (!seen.add(step.key() + "@" + step.depth())) continue;
            segments.find(projectKey, step.key()).ifPresent(facts ->
                    facts.segmentKeys().forEach(next -> pending.push(new Step(next, step.depth() + 1))));
        }
    }
}
