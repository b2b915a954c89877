package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Withdraws a pending scheduled change before it is due. It names the schedule's environment, so
 * permission to cancel is checked on that environment like any change to it.
 */
public record CancelScheduledFlagChange(@TargetAggregateIdentifier String flagId, String scheduleId,
                                        EnvironmentKey environment, @TargetAggregateVersion Long expectedVersion) {
}
