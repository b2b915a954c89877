package dev.flagledger.graphql.approval;

import dev.flagledger.graphql.error.NotReadableYet;
import dev.flagledger.auth.access.Memberships;
import dev.flagledger.domain.approval.ApproveChangeRequest;
import dev.flagledger.domain.approval.DescribeChangeRequest;
import dev.flagledger.domain.approval.RejectChangeRequest;
import dev.flagledger.domain.approval.ScheduleChangeRequest;
import dev.flagledger.domain.approval.WithdrawChangeRequest;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.EnvironmentProtection;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.project.SetEnvironmentProtection;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.projections.approval.ChangeRequestQueries;
import dev.flagledger.projections.approval.ChangeRequestView;
import dev.flagledger.projections.flag.FlagStateQueries;
import dev.flagledger.projections.flag.ProjectView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Protection policies, change requests and promotion (docs/approvals.md). */
@Controller
public class ApprovalController {
    private static final String CURSOR_KIND = "change-request";
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final ChangeRequestQueries requests;
    private final FlagStateQueries projects;
    private final ProjectCatalog catalog;
    private final ChangeSender changes;
    private final ChangeRequestDesk desk;

    public ApprovalController(ChangeRequestQueries requests, FlagStateQueries projects, ProjectCatalog catalog,
                              ChangeSender changes, ChangeRequestDesk desk) {
        this.requests = requests;
        this.projects = projects;
        this.catalog = catalog;
        this.changes = changes;
        this.desk = desk;
    }

    public record EnvironmentProtectionInput(int requiredApprovals, List<String> approverRoles,
                                             List<String> approverGroups, Boolean allowSelfApproval,
                                             String breakGlassRole) {
        EnvironmentProtection toDomain() {
            return new EnvironmentProtection(requiredApprovals, approverRoles, approverGroups,
                    Boolean.TRUE.equals(allowSelfApproval), breakGlassRole);
        }
    }

    public record SetEnvironmentProtectionInput(String projectKey, String environment,
                                                EnvironmentProtectionInput protection, long expectedVersion,
                                                String reason) {
    }

    public record EnvironmentProtectionView(String environment, int requiredApprovals, List<String> approverRoles,
                                            List<String> approverGroups, boolean allowSelfApproval,
                                            String breakGlassRole) {
        static EnvironmentProtectionView of(String environment, EnvironmentProtection policy) {
            return new EnvironmentProtectionView(environment, policy.requiredApprovals(), policy.approverRoles(),
                    policy.approverGroups(), policy.allowSelfApproval(), policy.breakGlassRole());
        }
    }

    public record EnvironmentProtectionPayload(ProjectView project) {
    }

    public record ReviewChangeRequestInput(String projectKey, String environment, String id, String comment) {
    }

    public record ApplyChangeRequestInput(String projectKey, String environment, String id, Boolean breakGlass) {
    }

    public record ScheduleChangeRequestInput(String projectKey, String environment, String id, OffsetDateTime applyAt) {
    }

    public record DescribeChangeRequestInput(String projectKey, String environment, String id, String title,
                                             String ticket) {
    }

    public record SegmentMappingInput(String source, String target, Boolean promote) {
    }

    public record PromoteFlagsInput(String projectKey, String from, String to, List<String> flagKeys,
                                    List<SegmentMappingInput> segments, String title, String ticket, String reason) {
    }

    public record ChangeRequestPayload(ChangeRequestView changeRequest) {
    }

    @QueryMapping
    public Map<String, Object> changeRequests(@Argument String projectKey, @Argument String environment,
                                              @Argument String status, @Argument Integer first,
                                              @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        String cursor = KeysetConnection.keyAfter(CURSOR_KIND, after);
        Long afterPosition;
        try {
            afterPosition = cursor == null ? null : Long.parseLong(cursor);
        } catch (NumberFormatException bad) {
            throw new InvalidInput("invalid cursor");
        }
        List<ChangeRequestView> page = requests.list(new ChangeRequestQueries.Filter(projectKey, environment, status),
                size, afterPosition);
        boolean more = page.size() > size;
        return KeysetConnection.of(CURSOR_KIND, more ? page.subList(0, size) : page, more, after,
                view -> Long.toString(view.openedPosition()), null);
    }

    @QueryMapping
    public Optional<ChangeRequestView> changeRequest(@Argument String projectKey, @Argument String id) {
        return requests.byId(id).filter(view -> view.projectKey().equals(projectKey));
    }

    @SchemaMapping(typeName = "Project", field = "protections")
    public List<EnvironmentProtectionView> protections(ProjectView project) {
        return catalog.find(project.key()).map(facts -> facts.protections().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> EnvironmentProtectionView.of(entry.getKey(), entry.getValue())).toList())
                .orElse(List.of());
    }

    @SchemaMapping(typeName = "ChangeRequest", field = "policy")
    public EnvironmentProtectionView policy(ChangeRequestView request) {
        return EnvironmentProtectionView.of(request.environment(), request.policy());
    }

    @SchemaMapping(typeName = "FlagPayload", field = "changeRequest")
    public Optional<ChangeRequestView> flagChangeRequest(GraphQLContext context) {
        return proposed(context);
    }

    @SchemaMapping(typeName = "SegmentPayload", field = "changeRequest")
    public Optional<ChangeRequestView> segmentChangeRequest(GraphQLContext context) {
        return proposed(context);
    }

    @SchemaMapping(typeName = "ScheduledFlagChangePayload", field = "changeRequest")
    public Optional<ChangeRequestView> scheduleChangeRequest(GraphQLContext context) {
        return proposed(context);
    }

    @SchemaMapping(typeName = "ExperimentPayload", field = "changeRequest")
    public Optional<ChangeRequestView> experimentChangeRequest(GraphQLContext context) {
        return proposed(context);
    }

    @MutationMapping
    public EnvironmentProtectionPayload setEnvironmentProtection(@Argument SetEnvironmentProtectionInput input,
                                                                 Authentication actor, GraphQLContext context) {
        ProjectKey key = new ProjectKey(input.projectKey());
        long version = changes.send(new SetEnvironmentProtection(key, new EnvironmentKey(input.environment()),
                input.protection() == null ? null : input.protection().toDomain(), input.expectedVersion()),
                input.reason(), actor, context);
        return new EnvironmentProtectionPayload(projects.awaitProject(key.value(), version, READ_YOUR_WRITE)
                .or(() -> projects.project(key.value()))
                .orElseThrow(() -> new NotReadableYet("project " + key.value())));
    }

    @MutationMapping
    public ChangeRequestPayload approveChangeRequest(@Argument ReviewChangeRequestInput input, Authentication actor,
                                                     GraphQLContext context) {
        existing(input.projectKey(), input.id());
        Memberships caller = Memberships.of(actor);
        long version = changes.send(new ApproveChangeRequest(input.id(), input.environment(), input.comment(),
                caller.roles(), caller.groups()), null, actor, context);
        // The approval that completes the request applies it (unless it waits for its time); a
        // failure to apply (CONFLICT) is recorded on the request and answered as the error.
        if (desk.applyIfDue(input.id(), changes.metadata(null, actor, context))) version++;
        return changed(input.id(), version);
    }

    @MutationMapping
    public ChangeRequestPayload rejectChangeRequest(@Argument ReviewChangeRequestInput input, Authentication actor,
                                                    GraphQLContext context) {
        existing(input.projectKey(), input.id());
        Memberships caller = Memberships.of(actor);
        return changed(input.id(), changes.send(new RejectChangeRequest(input.id(), input.environment(),
                input.comment(), caller.roles(), caller.groups()), null, actor, context));
    }

    @MutationMapping
    public ChangeRequestPayload withdrawChangeRequest(@Argument ReviewChangeRequestInput input, Authentication actor,
                                                      GraphQLContext context) {
        existing(input.projectKey(), input.id());
        return changed(input.id(), changes.send(new WithdrawChangeRequest(input.id(), input.environment(),
                input.comment()), null, actor, context));
    }

    @MutationMapping
    public ChangeRequestPayload applyChangeRequest(@Argument ApplyChangeRequestInput input, Authentication actor,
                                                   GraphQLContext context) {
        ChangeRequestView request = existing(input.projectKey(), input.id());
        if (!request.environment().equals(input.environment()))
            throw new InvalidInput("change request " + input.id() + " is in environment " + request.environment());
        desk.apply(input.id(), Boolean.TRUE.equals(input.breakGlass()), Memberships.of(actor),
                changes.metadata(null, actor, context));
        return changed(input.id(), request.version() + 1);
    }

    @MutationMapping
    public ChangeRequestPayload scheduleChangeRequest(@Argument ScheduleChangeRequestInput input, Authentication actor,
                                                      GraphQLContext context) {
        existing(input.projectKey(), input.id());
        long version = changes.send(new ScheduleChangeRequest(input.id(), input.environment(),
                input.applyAt() == null ? null : input.applyAt().toInstant()), null, actor, context);
        if (desk.applyIfDue(input.id(), changes.metadata(null, actor, context))) version++;
        return changed(input.id(), version);
    }

    @MutationMapping
    public ChangeRequestPayload describeChangeRequest(@Argument DescribeChangeRequestInput input, Authentication actor,
                                                      GraphQLContext context) {
        existing(input.projectKey(), input.id());
        return changed(input.id(), changes.send(new DescribeChangeRequest(input.id(), input.environment(),
                input.title(), input.ticket()), null, actor, context));
    }

    @MutationMapping
    public ChangeRequestPayload promoteFlags(@Argument PromoteFlagsInput input, Authentication actor,
                                             GraphQLContext context) {
        List<ChangeRequestDesk.SegmentMapping> segments = input.segments() == null ? List.of()
                : input.segments().stream().map(mapping -> new ChangeRequestDesk.SegmentMapping(mapping.source(),
                mapping.target(), Boolean.TRUE.equals(mapping.promote()))).toList();
        String id = desk.promote(new ChangeRequestDesk.Promotion(input.projectKey(), input.from(), input.to(),
                input.flagKeys(), segments, input.title(), input.ticket()),
                changes.metadata(input.reason(), actor, context));
        return changed(id, 0);
    }

    private Optional<ChangeRequestView> proposed(GraphQLContext context) {
        String id = context.get(ChangeSender.PROPOSED_CHANGE_REQUEST);
        return id == null ? Optional.empty() : requests.await(id, 0, READ_YOUR_WRITE);
    }

    private ChangeRequestView existing(String projectKey, String id) {
        return requests.byId(id).filter(view -> view.projectKey().equals(projectKey))
                .orElseThrow(() -> new NotFound("no change request " + id + " in project " + projectKey));
    }

    private ChangeRequestPayload changed(String id, long version) {
        return new ChangeRequestPayload(requests.await(id, version, READ_YOUR_WRITE)
                .orElseThrow(() -> new NotReadableYet("change request " + id)));
    }
}
