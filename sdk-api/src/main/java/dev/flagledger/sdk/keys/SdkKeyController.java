package dev.flagledger.sdk.keys;

import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admins issue and revoke SDK keys through GraphQL; each is an audited event. */
@Controller
public class SdkKeyController {
    /** How long a mutation waits for the key directory to hold its change before answering anyway. */
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final ChangeSender changes;
    private final SdkKeyDirectory directory;

    public SdkKeyController(ChangeSender changes, SdkKeyDirectory directory) {
        this.changes = changes;
        this.directory = directory;
    }

    /** Input of {@code createSdkKey}. */
    public record CreateSdkKeyInput(String projectKey, String environment, SdkKeyKind kind, String name,
                                    String reason) {
    }

    /** Input of {@code revokeSdkKey}. */
    public record RevokeSdkKeyInput(String projectKey, String environment, String id, String reason) {
    }

    @QueryMapping
    public List<SdkKeyGrant> sdkKeys(@Argument String projectKey) {
        return directory.ofProject(projectKey);
    }

    @MutationMapping
    public Map<String, Object> createSdkKey(@Argument CreateSdkKeyInput input, Authentication actor,
                                            GraphQLContext context) {
        String keyId = UUID.randomUUID().toString();
        String secret = SdkSecrets.generate(input.kind());
        CreateSdkKey command = new CreateSdkKey(keyId, new ProjectKey(input.projectKey()),
                new EnvironmentKey(input.environment()), input.kind(), input.name(), SdkSecrets.hash(secret),
                SdkSecrets.displayPrefix(secret));
        changes.send(command, input.reason(), actor, context);
        // Answer once SDKs can use the key and the key list shows it, so a client never reads stale keys.
        SdkKeyGrant key = directory.await(keyId, grant -> true, READ_YOUR_WRITE)
                .orElseGet(() -> new SdkKeyGrant(keyId, input.projectKey(), input.environment(), input.kind(),
                        input.name().strip(), command.displayPrefix(), false));
        return Map.of("key", key, "secret", secret);
    }

    @MutationMapping
    public Map<String, Object> revokeSdkKey(@Argument RevokeSdkKeyInput input, Authentication actor,
                                            GraphQLContext context) {
        // The permission was checked on the named project and environment; a key of another one must
        // look exactly like a missing key, or its id would leak across projects.
        SdkKeyGrant key = directory.byId(input.id())
                .filter(grant -> grant.projectKey().equals(input.projectKey()) && grant.environment().equals(input.environment()))
                .orElseThrow(() -> new NotFound("no SDK key " + input.id() + " in " + input.projectKey() + "/" + input.environment()));
        changes.send(new RevokeSdkKey(key.id()), input.reason(), actor, context);
        // Answer once SDK requests with the key are refused: "revoked" must mean revoked, not "soon".
        SdkKeyGrant revoked = directory.await(key.id(), SdkKeyGrant::revoked, READ_YOUR_WRITE)
                .orElseGet(() -> new SdkKeyGrant(key.id(), key.projectKey(), key.environment(), key.kind(),
                        key.name(), key.displayPrefix(), true));
        return Map.of("key", revoked);
    }
}
