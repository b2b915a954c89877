package dev.flagledger.graphql.project;

/** GraphQL inputs for project mutations, bound by Spring for GraphQL. */
final class ProjectInputs {
    private ProjectInputs() {
    }

    record CreateProjectInput(String key, String name, String description, String reason) {
    }

    record AddEnvironmentInput(String projectKey, String key, String name, Boolean requireReason,
                               long expectedVersion, String reason) {
    }

    record RenameEnvironmentInput(String projectKey, String key, String name, long expectedVersion, String reason) {
    }

    record SetEnvironmentReasonPolicyInput(String projectKey, String key, boolean requireReason,
                                           long expectedVersion, String reason) {
    }

    record ProjectPayload(dev.flagledger.projections.flag.ProjectView project) {
    }
}
