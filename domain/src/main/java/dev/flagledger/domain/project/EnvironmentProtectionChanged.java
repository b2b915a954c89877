package dev.flagledger.domain.project;

/** The environment's approval policy; {@code protection == null} means changes apply directly again. */
public record EnvironmentProtectionChanged(String projectKey, String environmentKey, EnvironmentProtection protection)
        implements ProjectEvent {
}
