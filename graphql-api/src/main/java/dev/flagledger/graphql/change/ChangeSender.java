package dev.flagledger.graphql.change;

import dev.flagledger.auth.Actor;
import dev.flagledger.auth.CurrentActor;
import dev.flagledger.domain.approval.ChangeRequestProposed;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;
import dev.flagledger.graphql.error.RequestContextInterceptor;
import graphql.GraphQLContext;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends a command with the metadata every event inherits (CONVENTIONS §2): actor, reason, origin and
 * correlation id. Returns the aggregate's version after the change.
 */
@Component
public class ChangeSender {
    private final CommandGateway commands;

    public ChangeSender(CommandGateway commands) {
        this.commands = commands;
    }

    /** The GraphQL context key under which a mutation diverted into a change request leaves its id. */
    public static final String PROPOSED_CHANGE_REQUEST = "flagledger.proposedChangeRequest";

    /**
     * Sends the command. When it targets a protected environment the command gateway opens a change
     * request instead and nothing changes: the id is left in the context for the payload's
     * {@code changeRequest} field, and the answer is the aggregate's unchanged version.
     */
    public long send(Object command, String reason, Authentication authentication, GraphQLContext context) {
        context.delete(PROPOSED_CHANGE_REQUEST);
        Object result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(metadata(reason, authentication, context)));
        if (result instanceof ChangeRequestProposed proposed) {
            context.put(PROPOSED_CHANGE_REQUEST, proposed.changeRequestId());
            return proposed.aggregateVersion();
        }
        // Creations answer with the new aggregate's identifier; its version is then 0.
        return result instanceof Long version ? version : 0L;
    }

    /** The metadata every command of this caller carries: actor, origin, correlation id and reason. */
    public MetaData metadata(String reason, Authentication authentication, GraphQLContext context) {
        Actor actor = CurrentActor.of(authentication)
                .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Authentication required"));
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(ChangeMetadata.ACTOR_SUBJECT, actor.subject());
        metadata.put(ChangeMetadata.ACTOR_NAME, actor.displayName());
        if (actor.email() != null) metadata.put(ChangeMetadata.ACTOR_EMAIL, actor.email());
        metadata.put(ChangeMetadata.ACTOR_AUTHENTICATION, actor.authentication());
        if (actor.identityProvider() != null)
            metadata.put(ChangeMetadata.ACTOR_IDENTITY_PROVIDER, actor.identityProvider());
        if (actor.onBehalfOfSubject() != null) {
            metadata.put(ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT, actor.onBehalfOfSubject());
            metadata.put(ChangeMetadata.ACTOR_ON_BEHALF_OF_NAME, actor.onBehalfOfName());
        }
        copy(context, RequestContextInterceptor.VCS_COMMIT, ChangeMetadata.VCS_COMMIT, metadata);
        copy(context, RequestContextInterceptor.TICKET, ChangeMetadata.TICKET, metadata);
        metadata.put(ChangeMetadata.ORIGIN, context.getOrDefault(RequestContextInterceptor.ORIGIN, "api"));
        metadata.put(ChangeMetadata.CORRELATION_ID, context.getOrDefault(RequestContextInterceptor.CORRELATION_ID, ""));
        if (reason != null && !reason.isBlank()) {
            if (reason.length() > Text.REASON_MAX)
                throw new InvalidInput("reason must be at most " + Text.REASON_MAX + " characters, got " + reason.length());
            metadata.put(ChangeMetadata.REASON, reason.strip());
        }
        return MetaData.from(metadata);
    }

    private static void copy(GraphQLContext context, String from, String to, Map<String, Object> metadata) {
        Object value = context.get(from);
        if (value != null) metadata.put(to, value);
    }
}
