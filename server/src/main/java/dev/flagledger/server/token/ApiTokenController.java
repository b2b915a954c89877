package dev.flagledger.server.token;

import dev.flagledger.auth.Actor;
import dev.flagledger.auth.CurrentActor;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Admins issue, list and revoke API tokens through GraphQL; issue and revocation are audited events. */
@Controller
public class ApiTokenController {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final ChangeSender changes;
    private final ApiTokenDirectory directory;

    public ApiTokenController(ChangeSender changes, ApiTokenDirectory directory) {
        this.changes = changes;
        this.directory = directory;
    }

    /** Input of {@code createApiToken}; role is VIEWER, EDITOR, APPROVER or ADMIN. */
    public record CreateApiTokenInput(String name, String role, String projectKey, String environment,
                                      OffsetDateTime expiresAt, String reason) {
    }

    /** Input of {@code revokeApiToken}: the token's own scope, on which the permission was checked. */
    public record RevokeApiTokenInput(String id, String projectKey, String environment, String reason) {
    }

    @SchemaMapping(typeName = "ApiToken")
    public String role(ApiTokenView token) {
        return token.role().toUpperCase(Locale.ROOT);
    }

    @SchemaMapping(typeName = "ApiToken")
    public Map<String, Object> createdBy(ApiTokenView token) {
        Map<String, Object> actor = new HashMap<>();
        actor.put("subject", token.createdBySubject());
        actor.put("name", token.createdByName());
        return actor;
    }

    @QueryMapping
    public List<ApiTokenView> apiTokens(@Argument String projectKey) {
        return directory.list(projectKey);
    }

    @MutationMapping
    public Map<String, Object> createApiToken(@Argument CreateApiTokenInput input, Authentication caller,
                                              GraphQLContext context) {
        Actor creator = CurrentActor.of(caller).orElseThrow();
        String tokenId = UUID.randomUUID().toString();
        String secret = ApiTokenDirectory.generateSecret();
        String role = input.role() == null ? null : input.role().toLowerCase(Locale.ROOT);
        // A token made with a token acts on behalf of that token's own creator: tokens never launder who is behind them.
        String bySubject = creator.onBehalfOfSubject() != null ? creator.onBehalfOfSubject() : creator.subject();
        String byName = creator.onBehalfOfName() != null ? creator.onBehalfOfName() : creator.displayName();
        CreateApiToken command = new CreateApiToken(tokenId, input.name(), role, input.projectKey(),
                input.environment(), ApiTokenDirectory.hash(secret), ApiTokenDirectory.displayPrefix(secret),
                input.expiresAt() == null ? null : input.expiresAt().toInstant().toString(), bySubject, byName);
        changes.send(command, input.reason(), caller, context);
        ApiTokenView token = directory.await(tokenId, found -> true, READ_YOUR_WRITE)
                .orElseThrow(() -> new IllegalStateException("token " + tokenId + " issued but not yet readable"));
        return Map.of("token", token, "secret", secret);
    }

    @MutationMapping
    public Map<String, Object> revokeApiToken(@Argument RevokeApiTokenInput input, Authentication caller,
                                              GraphQLContext context) {
        // The permission was checked on the scope the caller named; a token of another scope must look
        // exactly like a missing one, or its id would leak across projects.
        ApiTokenView token = directory.byId(input.id())
                .filter(found -> Objects.equals(found.projectKey(), input.projectKey())
                        && Objects.equals(found.environment(), input.environment()))
                .orElseThrow(() -> new NotFound("no API token " + input.id() + " in that scope"));
        changes.send(new RevokeApiToken(token.id()), input.reason(), caller, context);
        ApiTokenView revoked = directory.await(token.id(), ApiTokenView::revoked, READ_YOUR_WRITE)
                .orElseGet(token::revoke);
        return Map.of("token", revoked);
    }
}
