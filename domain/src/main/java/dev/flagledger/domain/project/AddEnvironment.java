package dev.flagledger.domain.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AddEnvironment(@TargetAggregateIdentifier ProjectKey projectKey, EnvironmentKey environmentKey,
                             String name, boolean requireReason, @TargetAggregateVersion Long expectedVersion) {
}
