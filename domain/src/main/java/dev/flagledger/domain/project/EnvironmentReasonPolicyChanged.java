package dev.flagledger.domain.project;

public record EnvironmentReasonPolicyChanged(String projectKey, String environmentKey, boolean requireReason)
        implements ProjectEvent {
}
