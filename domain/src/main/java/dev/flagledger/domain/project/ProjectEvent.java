package dev.flagledger.domain.project;

/** Facts about a project and its environments. */
public sealed interface ProjectEvent
        permits ProjectCreated, EnvironmentAdded, EnvironmentRenamed, EnvironmentReasonPolicyChanged,
        EnvironmentProtectionChanged {
    String projectKey();
}
