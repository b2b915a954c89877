package dev.flagledger.sdk.keys;

import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Reason;
import dev.flagledger.domain.shared.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.regex.Pattern;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/** An SDK key: scoped to one environment of one project, issued and revoked as audited events. */
public class SdkKey {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String keyId;
    private String projectKey;
    private String environment;
    private boolean revoked;

    protected SdkKey() {
        // for Axon
    }

    @CommandHandler
    public SdkKey(CreateSdkKey command, ProjectCatalog projects, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        ProjectFacts project = projects.find(command.projectKey().value())
                .orElseThrow(() -> new NotFound("no project " + command.projectKey()));
        String environment = project.environment(command.environment().value()).key();
        Reason.check(reason, project.environment(environment).requireReason(), "environment " + environment);
        if (command.kind() == null) throw new InvalidInput("kind is required");
        Text.matching("secret hash", command.secretHash(), SHA256_HEX);
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        record(new SdkKeyCreated(command.keyId(), project.key(), environment, command.kind(), name,
                command.secretHash(), command.displayPrefix()));
    }

    @CommandHandler
    public long handle(RevokeSdkKey command, ProjectCatalog projects,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        ProjectFacts project = projects.find(projectKey).orElseThrow(() -> new NotFound("no project " + projectKey));
        Reason.check(reason, project.environment(environment).requireReason(), "environment " + environment);
        if (!revoked) record(new SdkKeyRevoked(keyId, projectKey, environment));
        return currentVersion();
    }

    @EventSourcingHandler
    void on(SdkKeyCreated event) {
        keyId = event.keyId();
        projectKey = event.projectKey();
        environment = event.environment();
    }

    @EventSourcingHandler
    void on(SdkKeyRevoked event) {
        revoked = true;
    }
}
