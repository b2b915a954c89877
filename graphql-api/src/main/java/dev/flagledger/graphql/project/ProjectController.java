package dev.flagledger.graphql.project;

import dev.flagledger.auth.access.Grants;
import dev.flagledger.domain.project.AddEnvironment;
import dev.flagledger.domain.project.CreateProject;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.project.RenameEnvironment;
import dev.flagledger.domain.project.SetEnvironmentReasonPolicy;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.project.ProjectInputs.AddEnvironmentInput;
import dev.flagledger.graphql.project.ProjectInputs.CreateProjectInput;
import dev.flagledger.graphql.project.ProjectInputs.ProjectPayload;
import dev.flagledger.graphql.project.ProjectInputs.RenameEnvironmentInput;
import dev.flagledger.graphql.project.ProjectInputs.SetEnvironmentReasonPolicyInput;
import dev.flagledger.projections.flag.FlagStateQueries;
import dev.flagledger.projections.flag.ProjectView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Projects and their environments. */
@Controller
public class ProjectController {
    static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final FlagStateQueries queries;
    private final ChangeSender changes;

    public ProjectController(FlagStateQueries queries, ChangeSender changes) {
        this.queries = queries;
        this.changes = changes;
    }

    /** Only the projects the caller holds a grant on: someone with no roles sees an empty list. */
    @QueryMapping
    public List<ProjectView> projects(Authentication caller) {
        Grants grants = Grants.of(caller);
        return queries.projects().stream().filter(project -> grants.canSee(project.key())).toList();
    }

    @QueryMapping
    public Optional<ProjectView> project(@Argument String key) {
        return queries.project(key);
    }

    @MutationMapping
    public ProjectPayload createProject(@Argument CreateProjectInput input, Authentication actor, GraphQLContext context) {
        ProjectKey key = new ProjectKey(input.key());
        long version = changes.send(new CreateProject(key, input.name(), input.description()), input.reason(), actor, context);
        return changed(key.value(), version);
    }

    @MutationMapping
    public ProjectPayload addEnvironment(@Argument AddEnvironmentInput input, Authentication actor, GraphQLContext context) {
        ProjectKey key = new ProjectKey(input.projectKey());
        long version = changes.send(new AddEnvironment(key, new EnvironmentKey(input.key()), input.name(),
                Boolean.TRUE.equals(input.requireReason()), input.expectedVersion()), input.reason(), actor, context);
        return changed(key.value(), version);
    }

    @MutationMapping
    public ProjectPayload renameEnvironment(@Argument RenameEnvironmentInput input, Authentication actor,
                                            GraphQLContext context) {
        ProjectKey key = new ProjectKey(input.projectKey());
        long version = changes.send(new RenameEnvironment(key, new EnvironmentKey(input.key()), input.name(),
                input.expectedVersion()), input.reason(), actor, context);
        return changed(key.value(), version);
    }

    @MutationMapping
    public ProjectPayload setEnvironmentReasonPolicy(@Argument SetEnvironmentReasonPolicyInput input,
                                                     Authentication actor, GraphQLContext context) {
        ProjectKey key = new ProjectKey(input.projectKey());
        long version = changes.send(new SetEnvironmentReasonPolicy(key, new EnvironmentKey(input.key()),
                input.requireReason(), input.expectedVersion()), input.reason(), actor, context);
        return changed(key.value(), version);
    }

    private ProjectPayload changed(String projectKey, long version) {
        return new ProjectPayload(queries.awaitProject(projectKey, version, READ_YOUR_WRITE)
                .or(() -> queries.project(projectKey))
                .orElseThrow(() -> new NotFound("no project " + projectKey)));
    }
}
