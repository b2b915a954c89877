package dev.flagledger.domain.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Changes an environment's display name; its key stays, so SDK keys and history stay valid. */
public record RenameEnvironment(@TargetAggregateIdentifier ProjectKey projectKey, EnvironmentKey environmentKey,
                                String name, @TargetAggregateVersion Long expectedVersion) {
}
