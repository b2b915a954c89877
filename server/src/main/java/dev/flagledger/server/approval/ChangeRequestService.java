package dev.flagledger.server.approval;

import dev.flagledger.auth.access.Memberships;
import dev.flagledger.domain.approval.ApprovalRequired;
import dev.flagledger.domain.approval.ChangeRequest;
import dev.flagledger.domain.approval.ChangeRequestFacts;
import dev.flagledger.domain.approval.ChangeRequestProposed;
import dev.flagledger.domain.approval.ChangeRequestStatus;
import dev.flagledger.domain.approval.OpenChangeRequest;
import dev.flagledger.domain.approval.ProposedChange;
import dev.flagledger.domain.approval.ProposedCommand;
import dev.flagledger.domain.approval.RecordChangeRequestApplied;
import dev.flagledger.domain.approval.RecordChangeRequestApplyFailed;
import dev.flagledger.domain.flag.ToggleFlag;
import dev.flagledger.domain.project.EnvironmentProtection;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.DomainRejection;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.approval.ChangeRequestDesk;
import dev.flagledger.projections.audit.ProposalDiff;
import dev.flagledger.server.registry.AggregateFacts;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens change requests from diverted commands and promotions, and applies approved ones
 * (docs/approvals.md). The proposed commands are stored serialized, exactly as sent; applying runs
 * them with the author's metadata plus the request id and its approvers, after checking that every
 * target is still at the version the request was based on (else CONFLICT, and the request fails).
 */
@Component
public class ChangeRequestService implements ChangeRequestDesk {
    /** The metadata a proposed command keeps to run with later; the rest is per request. */
    private static final List<String> KEPT = List.of(ChangeMetadata.ACTOR_SUBJECT, ChangeMetadata.ACTOR_NAME,
            ChangeMetadata.ACTOR_AUTHENTICATION, ChangeMetadata.ACTOR_IDENTITY_PROVIDER,
            ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT, ChangeMetadata.ACTOR_ON_BEHALF_OF_NAME, ChangeMetadata.REASON,
            ChangeMetadata.ORIGIN, ChangeMetadata.CORRELATION_ID, ChangeMetadata.VCS_COMMIT, ChangeMetadata.TICKET);
    private static final Logger log = LoggerFactory.getLogger(ChangeRequestService.class);
    private final ProposalRunner runner;
    private final ProtectedTargets targets;
    private final AggregateFacts aggregates;
    private final Serializer serializer;
    private final CommandGateway gateway;
    private final Clock clock;
    private final PromotionPlanner promotions;
    private final PersonalData personal;

    public ChangeRequestService(ProposalRunner runner, ProtectedTargets targets, AggregateFacts aggregates,
                                Serializer serializer, CommandBus commandBus, Clock clock, PromotionPlanner promotions,
                                PersonalData personal) {
        this.personal = personal;
        this.runner = runner;
        this.targets = targets;
        this.aggregates = aggregates;
        this.serializer = serializer;
        this.gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
        this.clock = clock;
        this.promotions = promotions;
    }

    /** What the command gateway does with a command the gate refused: a change request holding it. */
    Object propose(CommandMessage<?> command, ApprovalRequired refusal) {
        ProtectedTargets.Guarded guarded = targets.guarded(command.getPayload())
                .orElseThrow(() -> refusal); // protection lifted meanwhile: let the caller retry
        ProtectedTargets.Target target = guarded.target();
        ProposalRunner.Planned planned = new ProposalRunner.Planned(command, target.aggregateType(),
                target.aggregateId(), target.subjectKey(), null);
        List<ProposalRunner.Outcome> outcomes = runner.dryRun(List.of(planned));
        ProposalRunner.Outcome outcome = outcomes.get(0);
        // A change that changes nothing needs no approval: answer as the aggregate would have.
        if (outcome.events().isEmpty()) return outcome.before().version();
        String summary = summary(command.getPayload(), target);
        Object ticket = command.getMetaData().get(ChangeMetadata.TICKET); // X-Flagledger-Ticket, when sent
        String id = open(target.projectKey(), guarded.environment(), "CHANGE", summary,
                ticket == null ? null : ticket.toString(), outcomes, guarded.policy(), command.getMetaData());
        return new ChangeRequestProposed(id, outcome.before().version());
    }

    @Override
    public String promote(Promotion promotion, MetaData author) {
        PromotionPlanner.Plan plan = promotions.plan(promotion, author);
        List<ProposalRunner.Outcome> outcomes = runner.dryRun(plan.commands());
        if (outcomes.stream().allMatch(outcome -> outcome.events().isEmpty()))
            throw new InvalidInput("environment " + promotion.to() + " already has the configuration of "
                    + promotion.from() + " for these flags: nothing to promote");
        EnvironmentProtection policy = plan.policy();
        String title = promotion.title() == null || promotion.title().isBlank()
                ? "Promote " + String.join(", ", promotion.flagKeys()) + " from " + promotion.from() + " to " + promotion.to()
                : promotion.title();
        return open(promotion.projectKey(), promotion.to(), "PROMOTION", title, promotion.ticket(), outcomes, policy,
                author);
    }

    private String open(String projectKey, String environment, String kind, String title, String ticket,
                        List<ProposalRunner.Outcome> outcomes, EnvironmentProtection policy, MetaData author) {
        List<ProposedCommand> commands = new ArrayList<>();
        List<ProposedChange> diff = new ArrayList<>();
        for (ProposalRunner.Outcome outcome : outcomes) {
            ProposalRunner.Planned planned = outcome.planned();
            if (outcome.events().isEmpty()) continue; // nothing to do for this one
            // Stored in the request's event: personal values sealed as the command bus would (docs/privacy.md).
            SerializedObject<String> payload = serializer.serialize(personal.sealCommand(planned.command().getPayload()),
                    String.class);
            commands.add(new ProposedCommand(payload.getType().getName(), payload.getData(), planned.aggregateType(),
                    planned.aggregateId(), planned.subjectKey(), outcome.before().version(),
                    summary(planned.command().getPayload(), planned)));
            for (ProposalDiff.Line line : ProposalDiff.of(outcome.before(), outcome.events()))
                diff.add(new ProposedChange(line.subjectKind(), line.subjectKey(), line.field(), line.before(), line.after()));
        }
        Map<String, String> proposedWith = new LinkedHashMap<>();
        for (String key : KEPT) if (author.get(key) != null) proposedWith.put(key, author.get(key).toString());
        String id = UUID.randomUUID().toString();
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new OpenChangeRequest(id, projectKey, environment,
                kind, title, ticket, commands, diff, policy, proposedWith)).andMetaData(author));
        return id;
    }

    @Override
    public boolean applyIfDue(String changeRequestId, MetaData trigger) {
        ChangeRequestFacts request = facts(changeRequestId);
        if (request.status() != ChangeRequestStatus.APPROVED) return false;
        if (request.applyAt() != null && clock.instant().isBefore(request.applyAt())) return false;
        try {
            return apply(request, false, Memberships.NONE, trigger);
        } catch (Conflict refused) {
            // Another instance, the scheduler or a concurrent approval applied it first: that is the goal.
            if (facts(changeRequestId).status() == ChangeRequestStatus.APPLIED) return false;
            throw refused;
        }
    }

    @Override
    public boolean apply(String changeRequestId, boolean breakGlass, Memberships caller, MetaData trigger) {
        return apply(facts(changeRequestId), breakGlass, caller, trigger);
    }

    private boolean apply(ChangeRequestFacts request, boolean breakGlass, Memberships caller, MetaData trigger) {
        String subject = String.valueOf(trigger.get(ChangeMetadata.ACTOR_SUBJECT));
        String name = String.valueOf(trigger.get(ChangeMetadata.ACTOR_NAME));
        CommandMessage<?> applied = GenericCommandMessage.asCommandMessage(new RecordChangeRequestApplied(
                request.changeRequestId(), breakGlass, caller.roles(), caller.groups(), subject, name))
                .andMetaData(trigger);
        MetaData metadata = MetaData.from(request.proposedWith());
        // The request's linked ticket (set when opened, or by its author since) over the proposer's header,
        // so the applied changes' audit entries and the compliance report name the same ticket.
        if (request.ticket() != null && !request.ticket().isBlank())
            metadata = metadata.and(ChangeMetadata.TICKET, request.ticket());
        metadata = metadata
                .and(ChangeMetadata.CHANGE_REQUEST_ID, request.changeRequestId())
                .and(ChangeMetadata.APPROVED_BY, request.approvals().stream()
                        .map(approver -> Map.of("subject", String.valueOf(approver.subject()),
                                "name", String.valueOf(approver.name()))).toList())
                .and(ChangeMetadata.BREAK_GLASS, breakGlass)
                .and(ChangeMetadata.APPLIED_BY_SUBJECT, subject);
        List<ProposalRunner.Planned> planned = new ArrayList<>();
        for (ProposedCommand command : request.commands()) {
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(command.payload(), String.class,
                    command.commandType(), null));
            planned.add(new ProposalRunner.Planned(GenericCommandMessage.asCommandMessage(payload).andMetaData(metadata),
                    command.aggregateType(), command.aggregateId(), command.subjectKey(), command.basedOnVersion()));
        }
        try {
            runner.apply(applied, request.changeRequestId(), planned);
            return true;
        } catch (ProposalRunner.FirstRefused refused) {
            throw refused.refusal(); // not approved, not due, no break-glass role: the request stays as it is
        } catch (RuntimeException failure) {
            String code = failure instanceof Conflict || failure instanceof ConcurrencyException ? "CONFLICT"
                    : failure instanceof InvalidInput ? "VALIDATION"
                    : failure instanceof NotFound ? "NOT_FOUND" : "INTERNAL";
            if (!(failure instanceof DomainRejection) && !(failure instanceof ConcurrencyException))
                log.error("change request {} could not be applied", request.changeRequestId(), failure);
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordChangeRequestApplyFailed(
                    request.changeRequestId(), code, failure.getMessage())).andMetaData(trigger));
            throw failure;
        }
    }

    private ChangeRequestFacts facts(String id) {
        return aggregates.of(ChangeRequest.class, id, ChangeRequest::facts)
                .orElseThrow(() -> new NotFound("no change request " + id));
    }

    private static String summary(Object command, ProposalRunner.Planned planned) {
        return describe(command, planned.aggregateType(), planned.subjectKey());
    }

    private static String summary(Object command, ProtectedTargets.Target target) {
        return describe(command, target.aggregateType(), target.subjectKey())
                + (target.environment() == null ? "" : " in " + target.environment());
    }

    /**
     * A command in words, for the request's title and its list of commands: "Turn on flag checkout",
     * "Set default variation of flag checkout", "Update segment beta" (the environment follows).
     */
    static String describe(Object command, String aggregateType, String subjectKey) {
        String noun = aggregateType.toLowerCase();
        if (command instanceof ToggleFlag toggle) return (toggle.enabled() ? "Turn on " : "Turn off ") + noun + " " + subjectKey;
        List<String> words = new ArrayList<>(List.of(command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase().split(" ")));
        words.remove(noun);
        String verb = String.join(" ", words);
        String phrase = words.size() == 1 ? verb + " " + noun + " " + subjectKey : verb + " of " + noun + " " + subjectKey;
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }
}
