package dev.flagledger.domain.flag;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What another flag's command may know of a flag: its variations (a prerequisite names one) and
 * its prerequisites per environment (to find cycles).
 */
public record FlagFacts(String flagId, String flagKey, boolean archived, Set<String> variations,
                        Map<String, List<Prerequisite>> prerequisites) {
    public FlagFacts {
        variations = Set.copyOf(variations);
        prerequisites = Map.copyOf(prerequisites);
    }

    public List<Prerequisite> prerequisitesIn(String environment) {
        return prerequisites.getOrDefault(environment, List.of());
    }
}
