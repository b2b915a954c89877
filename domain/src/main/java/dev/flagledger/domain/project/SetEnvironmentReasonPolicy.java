package dev.flagledger.domain.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Makes a reason mandatory (or optional) for changes that affect one environment. */
public record SetEnvironmentReasonPolicy(@TargetAggregateIdentifier ProjectKey projectKey,
                                         EnvironmentKey environmentKey, boolean requireReason,
                                         @TargetAggregateVersion Long expectedVersion) {
}
