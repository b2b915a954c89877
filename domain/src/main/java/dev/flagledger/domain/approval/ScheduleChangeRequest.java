package dev.flagledger.domain.approval;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Applies the request at an instant once approved; null applies it as soon as approved. */
public record ScheduleChangeRequest(@TargetAggregateIdentifier String changeRequestId, String environment, Instant applyAt) {
}
