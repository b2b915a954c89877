package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prerequisites name real flags and variations of the same project, and never lead back to the flag
 * that declares them. Cycles are rejected here, when written; the engine's GENERAL error for a cycle
 * is only the backstop for two concurrent changes that each looked fine alone.
 */
final class Prerequisites {
    /** The engine follows prerequisite chains at most this deep (docs/evaluation.md). */
    static final int MAX_DEPTH = 16;

    private Prerequisites() {
    }

    static void check(String projectKey, String flagKey, String environment, List<Prerequisite> prerequisites,
                      FlagCatalog flags) {
        Set<String> named = new HashSet<>();
        for (Prerequisite prerequisite : prerequisites) {
            if (prerequisite == null || prerequisite.flagKey() == null)
                throw new InvalidInput("a prerequisite names a flag");
            if (prerequisite.flagKey().equals(flagKey))
                throw new InvalidInput("flag " + flagKey + " cannot be its own prerequisite");
            if (!named.add(prerequisite.flagKey()))
                throw new InvalidInput("prerequisite " + prerequisite.flagKey() + " is listed twice");
            FlagFacts other = flags.find(projectKey, prerequisite.flagKey())
                    .orElseThrow(() -> new InvalidInput("prerequisite flag " + prerequisite.flagKey()
                            + " does not exist in project " + projectKey));
            if (other.archived())
                throw new InvalidInput("prerequisite flag " + prerequisite.flagKey() + " is archived");
            if (!other.variations().contains(prerequisite.variation()))
                throw new InvalidInput("prerequisite flag " + prerequisite.flagKey() + " has no variation "
                        + prerequisite.variation());
        }
        requireAcyclic(projectKey, flagKey, environment, named, flags);
    }

    private static void requireAcyclic(String projectKey, String flagKey, String environment, Set<String> direct,
                                       FlagCatalog flags) {
        record Step(String key, String path, int depth) {
        }
        Deque<Step> pending = new ArrayDeque<>();
        direct.forEach(key -> pending.push(new Step(key, flagKey + " -> " + key, 1)));
        Set<String> expanded = new HashSet<>();
        while (!pending.isEmpty()) {
            Step step = pending.pop();
            if (step.key().equals(flagKey))
                throw new InvalidInput("prerequisites would form a cycle in " + environment + ": " + step.path());
            if (step.depth() > MAX_DEPTH)
                throw new InvalidInput("prerequisite chains are at most " + MAX_DEPTH + " deep: " + step.path());
            if (!expanded.add(step.key() + "@" + step.depth())) continue;
            flags.find(projectKey, step.key()).ifPresent(facts -> facts.prerequisitesIn(environment).forEach(next ->
                    pending.push(new Step(next.flagKey(), step.path() + " -> " + next.flagKey(), step.depth() + 1))));
        }
    }
}
