package dev.flagledger.domain.approval;

import dev.flagledger.domain.project.EnvironmentProtection;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotAllowed;
import dev.flagledger.domain.shared.Reason;
import dev.flagledger.domain.shared.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/**
 * A proposed change to a protected environment (docs/approvals.md): the exact commands, their diff,
 * the policy that governs it, and its reviews. It decides who may approve, reject, withdraw and
 * apply; the server's applier runs the commands in the transaction that records {@link ChangeRequestApplied}.
 */
public class ChangeRequest {
    public static final int MAX_COMMANDS = 100;
    static final Duration HORIZON = Duration.ofDays(366);

    @AggregateIdentifier
    private String changeRequestId;
    private String projectKey;
    private String environment;
    private Reviewer author;
    private EnvironmentProtection policy;
    private List<ProposedCommand> commands = List.of();
    private Map<String, String> proposedWith = Map.of();
    private final Map<String, Reviewer> approvals = new LinkedHashMap<>();
    private ChangeRequestStatus status;
    private Instant applyAt;
    private String reason;
    /** The linked ticket; the changes the request applies carry it (ChangeMetadata.TICKET). */
    private String ticket;

    protected ChangeRequest() {
        // for Axon
    }

    @CommandHandler
    public ChangeRequest(OpenChangeRequest command, @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String subject,
                         @MetaDataValue(ChangeMetadata.ACTOR_NAME) String name,
                         @MetaDataValue(ChangeMetadata.REASON) String reason) {
        if (command.commands() == null || command.commands().isEmpty())
            throw new InvalidInput("a change request proposes at least one change");
        if (command.commands().size() > MAX_COMMANDS)
            throw new InvalidInput("a change request proposes at most " + MAX_COMMANDS + " commands");
        Set<String> targets = new HashSet<>();
        for (ProposedCommand proposed : command.commands())
            if (!targets.add(proposed.aggregateId()))
                throw new InvalidInput("a change request changes each flag or segment with one command");
        if (command.policy() == null) throw new InvalidInput("policy is required");
        Reason.check(reason, false, "change requests");
        String title = Text.required("title", command.title(), Text.NAME_MAX);
        String ticket = Text.optional("ticket", command.ticket(), Text.NAME_MAX);
        record(new ChangeRequestOpened(command.changeRequestId(), command.projectKey(), command.environment(),
                command.kind(), title, ticket, reason, new Reviewer(subject, name), command.commands(),
                command.diff() == null ? List.of() : command.diff(), command.policy().checked(),
                command.proposedWith() == null ? Map.of() : command.proposedWith()));
    }

    @CommandHandler
    public long handle(DescribeChangeRequest command, @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String subject) {
        requireEnvironment(command.environment());
        requireOpen("described");
        if (!author.subject().equals(subject)) throw new NotAllowed("only the author may describe change request " + changeRequestId);
        record(new ChangeRequestDescribed(changeRequestId, projectKey, environment,
                Text.required("title", command.title(), Text.NAME_MAX),
                Text.optional("ticket", command.ticket(), Text.NAME_MAX)));
        return currentVersion();
    }

    /**
     * Approvals count people: a change made or approved through an API token is the token's creator's
     * (on behalf of), so nobody approves their own change, or approves twice, by switching tokens.
     */
    @CommandHandler
    public long handle(ApproveChangeRequest command, @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String subject,
                       @MetaDataValue(ChangeMetadata.ACTOR_NAME) String name,
                       @MetaDataValue(ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT) String onBehalfOf) {
        requireEnvironment(command.environment());
        String person = onBehalfOf != null ? onBehalfOf : subject;
        boolean already = approvals.containsKey(person) || approvals.containsKey(subject);
        if (status != ChangeRequestStatus.OPEN) {
            if (status == ChangeRequestStatus.APPROVED && already)
                throw new InvalidInput("you already approved change request " + changeRequestId);
            throw new Conflict("change request " + changeRequestId + " is " + status + "; only open requests can be approved");
        }
        if (already)
            throw new InvalidInput("you already approved change request " + changeRequestId);
        boolean own = author.subject().equals(subject) || author.subject().equals(person)
                || person.equals(proposedWith.get(ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT));
        if (own && !policy.allowSelfApproval())
            throw new NotAllowed("authors may not approve their own change request in environment " + environment);
        requireReviewer(command.roles(), command.groups());
        String comment = Text.optional("comment", command.comment(), Text.REASON_MAX);
        record(new ChangeRequestApproved(changeRequestId, projectKey, environment, new Reviewer(subject, name), comment,
                approvals.size() + 1, policy.requiredApprovals()), onBehalfOf == null ? Map.of()
                : Map.of(ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT, onBehalfOf));
        return currentVersion();
    }

    @CommandHandler
    public long handle(RejectChangeRequest command, @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String subject,
                       @MetaDataValue(ChangeMetadata.ACTOR_NAME) String name) {
        requireEnvironment(command.environment());
        requireOpen("rejected");
        requireReviewer(command.roles(), command.groups());
        String comment = Text.required("comment", command.comment(), Text.REASON_MAX);
        record(new ChangeRequestRejected(changeRequestId, projectKey, environment, new Reviewer(subject, name), comment));
        return currentVersion();
    }

    @CommandHandler
    public long handle(WithdrawChangeRequest command, @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String subject,
                       @MetaDataValue(ChangeMetadata.ACTOR_NAME) String name) {
        requireEnvironment(command.environment());
        requireOpen("withdrawn");
        if (!author.subject().equals(subject)) throw new NotAllowed("only the author may withdraw change request " + changeRequestId);
        record(new ChangeRequestWithdrawn(changeRequestId, projectKey, environment, new Reviewer(subject, name),
                Text.optional("comment", command.comment(), Text.REASON_MAX)));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ScheduleChangeRequest command, Clock clock) {
        requireEnvironment(command.environment());
        requireOpen("scheduled");
        Instant at = command.applyAt();
        if (at != null) {
            Instant now = clock.instant();
            if (!at.isAfter(now)) throw new InvalidInput("applyAt must be in the future, got " + at + " (now " + now + ")");
            if (at.isAfter(now.plus(HORIZON)))
                throw new InvalidInput("applyAt must be within " + HORIZON.toDays() + " days, got " + at);
        }
        if (!java.util.Objects.equals(at, applyAt))
            record(new ChangeRequestApplyScheduled(changeRequestId, projectKey, environment, at));
        return currentVersion();
    }

    /**
     * Checks the request may apply now and records that it did; the applier runs the commands in the
     * same transaction, so either both are stored or neither.
     */
    @CommandHandler
    public long handle(RecordChangeRequestApplied command, Clock clock) {
        if (status.closed())
            throw new Conflict("change request " + changeRequestId + " is " + status + "; it cannot be applied");
        Instant now = clock.instant();
        if (command.breakGlass()) {
            if (!policy.admitsBreakGlass(command.roles(), command.groups()))
                throw new NotAllowed(policy.breakGlassRole() == null
                        ? "environment " + environment + " has no break-glass role"
                        : "breaking the glass needs the role or group " + policy.breakGlassRole());
        } else {
            if (status != ChangeRequestStatus.APPROVED)
                throw new InvalidInput("change request " + changeRequestId + " has " + approvals.size() + " of "
                        + policy.requiredApprovals() + " required approvals");
            if (applyAt != null && now.isBefore(applyAt))
                throw new InvalidInput("change request " + changeRequestId + " applies at " + applyAt);
        }
        record(new ChangeRequestApplied(changeRequestId, projectKey, environment, now, List.copyOf(approvals.values()),
                command.breakGlass(), new Reviewer(command.appliedBySubject(), command.appliedByName())));
        return currentVersion();
    }

    @CommandHandler
    public long handle(RecordChangeRequestApplyFailed command, Clock clock) {
        if (status.closed()) return currentVersion();
        record(new ChangeRequestApplyFailed(changeRequestId, projectKey, environment, clock.instant(), command.code(),
                Text.abbreviate(command.failure())));
        return currentVersion();
    }

    /** What the applier needs: the commands and the metadata they run with, and who approved them. */
    public ChangeRequestFacts facts() {
        return new ChangeRequestFacts(changeRequestId, projectKey, environment, status, author, policy,
                commands, proposedWith, new ArrayList<>(approvals.values()), applyAt, reason, ticket);
    }

    private void requireEnvironment(String given) {
        if (given == null || !given.equals(environment))
            throw new InvalidInput("change request " + changeRequestId + " is in environment " + environment);
    }

    private void requireOpen(String action) {
        if (status.closed())
            throw new Conflict("change request " + changeRequestId + " is " + status + "; it cannot be " + action);
    }

    private void requireReviewer(Set<String> roles, Set<String> groups) {
        if (!policy.admitsApprover(roles == null ? Set.of() : roles, groups == null ? Set.of() : groups))
            throw new NotAllowed("reviewing changes to " + environment + " needs one of the roles "
                    + policy.approverRoles() + " or groups " + policy.approverGroups());
    }

    @EventSourcingHandler
    void on(ChangeRequestOpened event) {
        changeRequestId = event.changeRequestId();
        projectKey = event.projectKey();
        environment = event.environment();
        author = event.author();
        policy = event.policy();
        commands = event.commands();
        proposedWith = event.proposedWith();
        reason = event.reason();
        ticket = event.ticket();
        status = ChangeRequestStatus.OPEN;
    }

    @EventSourcingHandler
    void on(ChangeRequestDescribed event) {
        ticket = event.ticket();
    }

    @EventSourcingHandler
    void on(ChangeRequestApproved event, @MetaDataValue(ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT) String onBehalfOf) {
        approvals.put(onBehalfOf != null ? onBehalfOf : event.approver().subject(), event.approver());
        if (event.approvals() >= event.required()) status = ChangeRequestStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(ChangeRequestRejected event) {
        status = ChangeRequestStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ChangeRequestWithdrawn event) {
        status = ChangeRequestStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(ChangeRequestApplyScheduled event) {
        applyAt = event.applyAt();
    }

    @EventSourcingHandler
    void on(ChangeRequestApplied event) {
        status = ChangeRequestStatus.APPLIED;
    }

    @EventSourcingHandler
    void on(ChangeRequestApplyFailed event) {
        status = ChangeRequestStatus.FAILED;
    }
}
