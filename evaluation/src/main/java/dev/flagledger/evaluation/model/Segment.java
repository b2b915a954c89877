package dev.flagledger.evaluation.model;

import java.util.List;
import java.util.Set;

/**
 * A reusable audience. A context is a member when its targeting key is included, or when any rule
 * matches; an excluded targeting key is never a member, even if also included.
 *
 * @param salt null means the segment key; used only by weighted rules
 */
public record Segment(String key, Set<String> included, Set<String> excluded, List<SegmentRule> rules,
                      String salt, long version) {
    public Segment {
        Checks.requireText(key, "segment key");
        included = Checks.setOf(included, "included key");
        excluded = Checks.setOf(excluded, "excluded key");
        rules = Checks.listOf(rules, "segment rules");
        salt = salt == null ? key : Checks.requireText(salt, "segment salt");
    }
}
