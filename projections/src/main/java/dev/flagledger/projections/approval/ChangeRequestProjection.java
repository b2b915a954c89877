package dev.flagledger.projections.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flagledger.domain.approval.ChangeRequestApplied;
import dev.flagledger.domain.approval.ChangeRequestApplyFailed;
import dev.flagledger.domain.approval.ChangeRequestApplyScheduled;
import dev.flagledger.domain.approval.ChangeRequestApproved;
import dev.flagledger.domain.approval.ChangeRequestDescribed;
import dev.flagledger.domain.approval.ChangeRequestOpened;
import dev.flagledger.domain.approval.ChangeRequestRejected;
import dev.flagledger.domain.approval.ChangeRequestWithdrawn;
import dev.flagledger.projections.flag.FlagStateProjection;
import dev.flagledger.projections.flag.JsonColumns;
import dev.flagledger.projections.flag.ReadModelSignal;
import dev.flagledger.projections.schedule.ScheduleSignal;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The change requests read model. It runs in the flag-state processing group, so a mutation that
 * waits for a version sees its request too, and a flag-state rebuild rebuilds it; approved requests
 * with an apply time are the dispatcher's timers ({@link ScheduleSignal} wakes it).
 */
@Component
@ProcessingGroup(FlagStateProjection.PROCESSING_GROUP)
public class ChangeRequestProjection {
    static final TypeReference<List<ChangeRequestView.Review>> REVIEWS = new TypeReference<>() {
    };
    private final JdbcTemplate jdbc;
    private final ReadModelSignal readModel;
    private final ScheduleSignal timers;

    public ChangeRequestProjection(JdbcTemplate jdbc, ReadModelSignal readModel, ScheduleSignal timers) {
        this.jdbc = jdbc;
        this.readModel = readModel;
        this.timers = timers;
    }

    @EventHandler
    void on(ChangeRequestOpened event, TrackedEventMessage<?> message, @Timestamp Instant at,
            @SequenceNumber long version) {
        long position = message.trackingToken().position().orElse(0L);
        jdbc.update("insert into change_request (change_request_id, opened_position, project_key, environment_key,"
                        + " kind, title, ticket, reason, status, author_subject, author_name, opened_at, updated_at,"
                        + " break_glass, required_approvals, policy, approvals, commands, diff, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.changeRequestId(), position, event.projectKey(), event.environment(), event.kind(),
                event.title(), event.ticket(), event.reason(), "OPEN", event.author().subject(), event.author().name(),
                utc(at), utc(at), false, event.policy().requiredApprovals(), JsonColumns.writeValue(event.policy()),
                "[]", JsonColumns.writeValue(event.commands()), JsonColumns.writeValue(event.diff()), version);
        changed();
    }

    @EventHandler
    void on(ChangeRequestDescribed event, @Timestamp Instant at, @SequenceNumber long version) {
        jdbc.update("update change_request set title = ?, ticket = ?, updated_at = ?, version = ?"
                + " where change_request_id = ?", event.title(), event.ticket(), utc(at), version, event.changeRequestId());
        changed();
    }

    @EventHandler
    void on(ChangeRequestApproved event, @Timestamp Instant at, @SequenceNumber long version) {
        String json = jdbc.queryForObject("select approvals from change_request where change_request_id = ?",
                String.class, event.changeRequestId());
        List<ChangeRequestView.Review> approvals = new ArrayList<>(ChangeRequestQueries.reviews(json));
        approvals.add(new ChangeRequestView.Review(event.approver().subject(), event.approver().name(),
                event.comment(), at.toString()));
        jdbc.update("update change_request set approvals = ?, status = ?, updated_at = ?, version = ?"
                        + " where change_request_id = ?", JsonColumns.writeValue(approvals),
                event.approvals() >= event.required() ? "APPROVED" : "OPEN", utc(at), version,
                event.changeRequestId());
        changed();
    }

    @EventHandler
    void on(ChangeRequestRejected event, @Timestamp Instant at, @SequenceNumber long version) {
        ChangeRequestView.Review rejection = new ChangeRequestView.Review(event.reviewer().subject(),
                event.reviewer().name(), event.comment(), at.toString());
        jdbc.update("update change_request set status = 'REJECTED', rejection = ?, updated_at = ?, version = ?"
                + " where change_request_id = ?", JsonColumns.writeValue(rejection), utc(at), version,
                event.changeRequestId());
        changed();
    }

    @EventHandler
    void on(ChangeRequestWithdrawn event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.changeRequestId(), "WITHDRAWN", at, version);
    }

    @EventHandler
    void on(ChangeRequestApplyScheduled event, @Timestamp Instant at, @SequenceNumber long version) {
        jdbc.update("update change_request set apply_at = ?, updated_at = ?, version = ? where change_request_id = ?",
                event.applyAt() == null ? null : utc(event.applyAt()), utc(at), version, event.changeRequestId());
        changed();
    }

    @EventHandler
    void on(ChangeRequestApplied event, @SequenceNumber long version) {
        jdbc.update("update change_request set status = 'APPLIED', applied_at = ?, break_glass = ?,"
                        + " applied_by_subject = ?, applied_by_name = ?, updated_at = ?, version = ?"
                        + " where change_request_id = ?", utc(event.appliedAt()), event.breakGlass(),
                event.appliedBy().subject(), event.appliedBy().name(), utc(event.appliedAt()), version,
                event.changeRequestId());
        changed();
    }

    @EventHandler
    void on(ChangeRequestApplyFailed event, @SequenceNumber long version) {
        jdbc.update("update change_request set status = 'FAILED', failure = ?, updated_at = ?, version = ?"
                        + " where change_request_id = ?", event.code() + ": " + event.failure(), utc(event.failedAt()),
                version, event.changeRequestId());
        changed();
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from change_request");
    }

    private void status(String id, String status, Instant at, long version) {
        jdbc.update("update change_request set status = ?, updated_at = ?, version = ? where change_request_id = ?",
                status, utc(at), version, id);
        changed();
    }

    private void changed() {
        readModel.changed();
        timers.changed();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
