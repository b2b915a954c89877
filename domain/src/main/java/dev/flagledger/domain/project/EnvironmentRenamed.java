package dev.flagledger.domain.project;

public record EnvironmentRenamed(String projectKey, String environmentKey, String name) implements ProjectEvent {
}
