package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the scheduler when a pending change is due. It carries no expected version on purpose:
 * the schedule's own state (pending, applied, cancelled) is what makes a second delivery a no-op.
 */
public record ApplyScheduledFlagChange(@TargetAggregateIdentifier String flagId, String scheduleId) {
}
