package dev.flagledger.server.token;

import dev.flagledger.auth.access.Permission;
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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/**
 * An API token for scripts and the CLI: one grant (global, project or environment), issued and
 * revoked as audited events. The project and environment must exist when it is issued; a token
 * scoped to an environment that requires reasons needs one, like the changes it will make.
 */
public class ApiToken {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String tokenId;
    private String projectKey;
    private String environment;
    private boolean revoked;

    protected ApiToken() {
        // for Axon
    }

    @CommandHandler
    public ApiToken(CreateApiToken command, ProjectCatalog projects,
                    @MetaDataValue(ChangeMetadata.REASON) String reason) {
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        if (command.role() == null || Permission.parse(command.role()).isEmpty())
            throw new InvalidInput("role must be one of viewer, editor, approver, admin: " + Text.abbreviate(command.role()));
        Text.matching("secret hash", command.secretHash(), SHA256_HEX);
        if (command.expiresAt() != null) {
            try {
                if (!Instant.parse(command.expiresAt()).isAfter(Instant.now()))
                    throw new InvalidInput("expiresAt must be in the future: " + command.expiresAt());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("expiresAt must be an ISO-8601 instant: " + Text.abbreviate(command.expiresAt()));
            }
        }
        String project = null;
        String environmentKey = null;
        if (command.projectKey() != null) {
            ProjectFacts facts = projects.find(command.projectKey())
                    .orElseThrow(() -> new NotFound("no project " + command.projectKey()));
            project = facts.key();
            if (command.environment() != null) {
                environmentKey = facts.environment(command.environment()).key();
                Reason.check(reason, facts.environment(environmentKey).requireReason(), "environment " + environmentKey);
            }
        } else if (command.environment() != null) {
            throw new InvalidInput("an environment token needs its project");
        }
        record(new ApiTokenCreated(command.tokenId(), name, command.role(), project, environmentKey,
                command.secretHash(), command.displayPrefix(), command.expiresAt(), command.createdBySubject(),
                command.createdByName()));
    }

    @CommandHandler
    public long handle(RevokeApiToken command) {
        if (!revoked) record(new ApiTokenRevoked(tokenId, projectKey, environment));
        return currentVersion();
    }

    @EventSourcingHandler
    void on(ApiTokenCreated event) {
        tokenId = event.tokenId();
        projectKey = event.projectKey();
        environment = event.environment();
    }

    @EventSourcingHandler
    void on(ApiTokenRevoked event) {
        revoked = true;
    }
}
