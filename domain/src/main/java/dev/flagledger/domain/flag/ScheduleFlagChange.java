package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.EnvironmentKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Schedules {@code change} in one environment of a flag for the instant {@code at}. */
public record ScheduleFlagChange(@TargetAggregateIdentifier String flagId, String scheduleId,
                                 EnvironmentKey environment, Instant at, ScheduledChange change,
                                 @TargetAggregateVersion Long expectedVersion) {
}
