package dev.flagledger.server.registry;

import dev.flagledger.domain.project.Project;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Loads the project aggregate from its event stream inside the caller's unit of work: a consistent
 * view of environments and policies, unlike the asynchronous read model.
 */
@Component
public class EventSourcedProjectCatalog implements ProjectCatalog {
    private final AggregateFacts aggregates;

    public EventSourcedProjectCatalog(AggregateFacts aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public Optional<ProjectFacts> find(String projectKey) {
        return aggregates.of(Project.class, projectKey, Project::facts);
    }
}
