package dev.flagledger.server.registry;

import dev.flagledger.domain.project.Project;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Loads the project aggregate from its event stream inside the caller's unit of work: a consistent
 * view of environments and policies, unlike the asynchronous read model.
 */
@Component
public class EventSourcedProjectCatalog implements ProjectCatalog {
    private final Configuration axon;

    public EventSourcedProjectCatalog(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public Optional<ProjectFacts> find(String projectKey) {
        try {
            return Optional.of(axon.repository(Project.class).load(projectKey).invoke(Project::facts));
        } catch (AggregateNotFoundException absent) {
            return Optional.empty();
        }
    }
}
