package dev.flagledger.domain.project;

import dev.flagledger.domain.shared.NotFound;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What other aggregates may know of a project: its key and its environments, in order. */
public record ProjectFacts(String key, Map<String, Environment> environments,
                           Map<String, EnvironmentProtection> protections) {
    public ProjectFacts {
        environments = Map.copyOf(environments);
        protections = protections == null ? Map.of() : Map.copyOf(protections);
    }

    public ProjectFacts(String key, Map<String, Environment> environments) {
        this(key, environments, Map.of());
    }

    /** The environment's approval policy, if it is protected. */
    public Optional<EnvironmentProtection> protection(String environmentKey) {
        return Optional.ofNullable(protections.get(environmentKey));
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
