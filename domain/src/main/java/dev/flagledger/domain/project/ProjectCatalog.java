package dev.flagledger.domain.project;

import java.util.Optional;

/**
 * A consistent look-up of a project, for command handlers of other aggregates that must validate
 * against the project's environments and policies.
 */
public interface ProjectCatalog {
    Optional<ProjectFacts> find(String projectKey);
}
