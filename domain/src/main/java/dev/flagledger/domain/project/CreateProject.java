package dev.flagledger.domain.project;

/** Creates a project with the standard environments development, staging and production. */
public record CreateProject(ProjectKey projectKey, String name, String description) {
}
