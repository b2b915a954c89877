package dev.flagledger.domain.project;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.KeyRegistry;
import dev.flagledger.domain.shared.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/** A project and its environments; the consistency boundary for environment keys and policies. */
public class Project {
    public static final int MAX_ENVIRONMENTS = 50;
    static final List<Environment> STANDARD_ENVIRONMENTS = List.of(
            new Environment("development", "Development", false),
            new Environment("staging", "Staging", false),
            new Environment("production", "Production", true));

    @AggregateIdentifier
    private String projectKey;
    private final Map<String, Environment> environments = new LinkedHashMap<>();
    private final Map<String, EnvironmentProtection> protections = new LinkedHashMap<>();

    protected Project() {
        // for Axon
    }

    @CommandHandler
    public Project(CreateProject command, KeyRegistry keys) {
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        String description = Text.optional("description", command.description(), Text.DESCRIPTION_MAX);
        keys.claim("project", command.projectKey().value(), command.projectKey().value());
        record(new ProjectCreated(command.projectKey().value(), name, description, STANDARD_ENVIRONMENTS));
    }

    @CommandHandler
    public long handle(AddEnvironment command) {
        String key = command.environmentKey().value();
        if (environments.containsKey(key))
            throw new InvalidInput("project " + projectKey + " already has an environment " + key);
        if (environments.size() >= MAX_ENVIRONMENTS)
            throw new InvalidInput("a project has at most " + MAX_ENVIRONMENTS + " environments");
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        record(new EnvironmentAdded(projectKey, new Environment(key, name, command.requireReason())));
        return currentVersion();
    }

    @CommandHandler
    public long handle(RenameEnvironment command) {
        Environment environment = facts().environment(command.environmentKey().value());
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        if (!name.equals(environment.name()))
            record(new EnvironmentRenamed(projectKey, environment.key(), name));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetEnvironmentReasonPolicy command) {
        Environment environment = facts().environment(command.environmentKey().value());
        if (environment.requireReason() != command.requireReason())
            record(new EnvironmentReasonPolicyChanged(projectKey, environment.key(), command.requireReason()));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetEnvironmentProtection command) {
        Environment environment = facts().environment(command.environmentKey().value());
        EnvironmentProtection protection = command.protection() == null ? null : command.protection().checked();
        if (!java.util.Objects.equals(protection, protections.get(environment.key())))
            record(new EnvironmentProtectionChanged(projectKey, environment.key(), protection));
        return currentVersion();
    }

    public ProjectFacts facts() {
        return new ProjectFacts(projectKey, environments, protections);
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectKey = event.projectKey();
        event.environments().forEach(environment -> environments.put(environment.key(), environment));
    }

    @EventSourcingHandler
    void on(EnvironmentAdded event) {
        environments.put(event.environment().key(), event.environment());
    }

    @EventSourcingHandler
    void on(EnvironmentRenamed event) {
        environments.computeIfPresent(event.environmentKey(),
                (key, old) -> new Environment(key, event.name(), old.requireReason()));
    }

    @EventSourcingHandler
    void on(EnvironmentProtectionChanged event) {
        if (event.protection() == null) protections.remove(event.environmentKey());
        else protections.put(event.environmentKey(), event.protection());
    }

    @EventSourcingHandler
    void on(EnvironmentReasonPolicyChanged event) {
        environments.computeIfPresent(event.environmentKey(),
                (key, old) -> new Environment(key, old.name(), event.requireReason()));
    }
}
