package dev.flagledger.domain.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Protects an environment with an approval policy, or lifts the protection ({@code protection == null}). */
public record SetEnvironmentProtection(@TargetAggregateIdentifier ProjectKey projectKey, EnvironmentKey environmentKey,
                                       EnvironmentProtection protection,
                                       @TargetAggregateVersion Long expectedVersion) {
}
