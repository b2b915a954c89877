package dev.flagledger.domain.project;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Revision 2 carries each environment's name and reason policy; revision 1 (the prototype shape)
 * carried only environment keys and is upcast on read.
 */
@Revision("2")
public record ProjectCreated(String projectKey, String name, String description, List<Environment> environments)
        implements ProjectEvent {
    public ProjectCreated {
        environments = List.copyOf(environments);
    }
}
