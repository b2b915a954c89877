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

import dev.flagledger.privacy.signing.HmacSignatures;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admins issue and revoke SDK keys through GraphQL; each is an audited event. */
@Controller
public class SdkKeyController {
    /** How long a mutation waits for the key directory to hold its change before answering anyway. */
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private static final String SIGNING_PREFIX = "flsig_";
    private final ChangeSender changes;
    private final SdkKeyDirectory directory;

    public SdkKeyController(ChangeSender changes, SdkKeyDirectory directory) {
        this.changes = changes;
        this.directory = directory;
    }

    /** Input of {@code createSdkKey}. */
    public record CreateSdkKeyInput(String projectKey, String environment, SdkKeyKind kind, String name,
                                    String reason, Boolean requireSignedRequests) {
    }

    /** Input of {@code requireSdkKeySigning}. */
    public record RequireSdkKeySigningInput(String projectKey, String environment, String id, String reason) {
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
        boolean signed = Boolean.TRUE.equals(input.requireSignedRequests());
        String signingSecret = signed ? HmacSignatures.newSecret(SIGNING_PREFIX) : null;
        CreateSdkKey command = new CreateSdkKey(keyId, new ProjectKey(input.projectKey()),
                new EnvironmentKey(input.environment()), input.kind(), input.name(), SdkSecrets.hash(secret),
                SdkSecrets.displayPrefix(secret), signingSecret);
        changes.send(command, input.reason(), actor, context);
        // Answer once SDKs can use the key and the key list shows it, so a client never reads stale keys.
        SdkKeyGrant key = directory.await(keyId, grant -> grant.signedRequests() == signed, READ_YOUR_WRITE)
                .orElseGet(() -> new SdkKeyGrant(keyId, input.projectKey(), input.environment(), input.kind(),
                        input.name().strip(), command.displayPrefix(), false, signed));
        Map<String, Object> payload = new HashMap<>(Map.of("key", key, "secret", secret));
        payload.put("signingSecret", signingSecret);
        return payload;
    }

    /** Requires signed requests from this key from now on, with a new signing secret (shown once). */
    @MutationMapping
    public Map<String, Object> requireSdkKeySigning(@Argument RequireSdkKeySigningInput input, Authentication actor,
                                                    GraphQLContext context) {
        SdkKeyGrant key = ownKey(input.id(), input.projectKey(), input.environment());
        String signingSecret = HmacSignatures.newSecret(SIGNING_PREFIX);
        changes.send(new RequireSdkKeySigning(key.id(), signingSecret), input.reason(), actor, context);
        SdkKeyGrant signed = directory.await(key.id(), SdkKeyGrant::signedRequests, READ_YOUR_WRITE)
                .orElseGet(key::requiringSignatures);
        return Map.of("key", signed, "signingSecret", signingSecret);
    }

    @MutationMapping
    public Map<String, Object> revokeSdkKey(@Argument RevokeSdkKeyInput input, Authentication actor,
                                            GraphQLContext context) {
        // The permission was checked on the named project and environment; a key of another one must
        // look exactly like a missing key, or its id would leak across projects.
        SdkKeyGrant key = ownKey(input.id(), input.projectKey(), input.environment());
        changes.send(new RevokeSdkKey(key.id()), input.reason(), actor, context);
        // Answer once SDK requests with the key are refused: "revoked" must mean revoked, not "soon".
        SdkKeyGrant revoked = directory.await(key.id(), SdkKeyGrant::revoked, READ_YOUR_WRITE)
                .orElseGet(key::revoke);
        return Map.of("key", revoked);
    }

    /**
     * The key, if it belongs to the project and environment the permission was checked on; a key of
     * another one must look exactly like a missing key, or its id would leak across projects.
     */
    private SdkKeyGrant ownKey(String id, String projectKey, String environment) {
        return directory.byId(id)
                .filter(grant -> grant.projectKey().equals(projectKey) && grant.environment().equals(environment))
                .orElseThrow(() -> new NotFound("no SDK key " + id + " in " + projectKey + "/" + environment));
    }
}
