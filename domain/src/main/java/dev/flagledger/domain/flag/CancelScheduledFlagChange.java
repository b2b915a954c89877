package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Withdraws a pending scheduled change before it is due. */
public record CancelScheduledFlagChange(@TargetAggregateIdentifier String flagId, String scheduleId,
                                        @TargetAggregateVersion Long expectedVersion) {
}
