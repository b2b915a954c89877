package dev.flagledger.domain.project;

import dev.flagledger.domain.shared.NotFound;

import java.util.List;
import java.util.Map;

/** What other aggregates may know of a project: its key and its environments, in order. */
public record ProjectFacts(String key, Map<String, Environment> environments) {
    public ProjectFacts {
        environments = Map.copyOf(environments);
    }

    public Environment environment(String environmentKey) {
        Environment environment = environments.get(environmentKey);
        if (environment == null)
            throw new NotFound("project " + key + " has no environment " + environmentKey);
        return environment;
    }

    public List<String> environmentKeys() {
        return environments.keySet().stream().sorted().toList();
    }

    /** A flag-wide change (variations, archive) reaches every environment, so any policy applies. */
    public boolean anyEnvironmentRequiresReason() {
        return environments.values().stream().anyMatch(Environment::requireReason);
    }
}
