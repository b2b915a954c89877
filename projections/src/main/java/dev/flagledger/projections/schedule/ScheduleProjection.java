package dev.flagledger.projections.schedule;

import dev.flagledger.domain.flag.FlagChangeScheduled;
import dev.flagledger.domain.flag.ScheduledFlagChangeApplied;
import dev.flagledger.domain.flag.ScheduledFlagChangeCancelled;
import dev.flagledger.domain.flag.ScheduledFlagChangeFailed;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.projections.flag.FlagStateProjection;
import dev.flagledger.projections.flag.JsonColumns;
import dev.flagledger.projections.flag.ReadModelSignal;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The timers: every scheduled flag change and its state, a projection of the schedule events. It
 * runs in the flag-state processing group, so a mutation that waits for its flag version also sees
 * its schedule, and one token orders both. Every server's dispatcher reads due rows from here.
 */
@Component
@ProcessingGroup(FlagStateProjection.PROCESSING_GROUP)
public class ScheduleProjection {
    private final JdbcTemplate jdbc;
    private final ScheduleSignal timers;
    private final ReadModelSignal readModel;

    public ScheduleProjection(JdbcTemplate jdbc, ScheduleSignal timers, ReadModelSignal readModel) {
        this.jdbc = jdbc;
        this.timers = timers;
        this.readModel = readModel;
    }

    @EventHandler
    void on(FlagChangeScheduled event, @Timestamp Instant at,
            @MetaDataValue(ChangeMetadata.REASON) String reason) {
        jdbc.update("insert into scheduled_flag_change (schedule_id, flag_id, project_key, flag_key, environment_key,"
                        + " due_at, change_kind, change, summary, status, scheduled_by_subject, scheduled_by_name,"
                        + " reason, scheduled_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.scheduleId(), event.flagId(), event.projectKey(), event.flagKey(), event.environment(),
                utc(event.dueAt()), event.change().kind().name(), JsonColumns.writeValue(event.change()),
                event.change().summary(), ScheduleStatus.PENDING.name(),
                event.scheduledBy() == null ? null : event.scheduledBy().subject(),
                event.scheduledBy() == null ? null : event.scheduledBy().name(), reason, utc(at));
        changed();
    }

    @EventHandler
    void on(ScheduledFlagChangeCancelled event, @Timestamp Instant at,
            @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String subject,
            @MetaDataValue(ChangeMetadata.ACTOR_NAME) String name) {
        jdbc.update("update scheduled_flag_change set status = ?, resolved_at = ?, cancelled_by_subject = ?,"
                        + " cancelled_by_name = ? where flag_id = ? and schedule_id = ?",
                ScheduleStatus.CANCELLED.name(), utc(at), subject, name, event.flagId(), event.scheduleId());
        changed();
    }

    @EventHandler
    void on(ScheduledFlagChangeApplied event) {
        jdbc.update("update scheduled_flag_change set status = ?, resolved_at = ?, delay_millis = ?"
                        + " where flag_id = ? and schedule_id = ?",
                ScheduleStatus.APPLIED.name(), utc(event.appliedAt()), event.delayMillis(), event.flagId(),
                event.scheduleId());
        changed();
    }

    @EventHandler
    void on(ScheduledFlagChangeFailed event) {
        jdbc.update("update scheduled_flag_change set status = ?, resolved_at = ?, failure = ?"
                        + " where flag_id = ? and schedule_id = ?",
                ScheduleStatus.FAILED.name(), utc(event.failedAt()), event.failure(), event.flagId(),
                event.scheduleId());
        changed();
    }

    /** Rebuilt with the flag state; replay restores every row, applied ones included. */
    @ResetHandler
    void reset() {
        jdbc.update("delete from scheduled_flag_change");
    }

    private void changed() {
        timers.changed();
        readModel.changed();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
