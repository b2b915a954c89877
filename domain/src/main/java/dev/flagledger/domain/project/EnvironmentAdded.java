package dev.flagledger.domain.project;

public record EnvironmentAdded(String projectKey, Environment environment) implements ProjectEvent {
}
