package dev.flagledger.sdk.keys;

import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectKey;

/**
 * Issues a key for one environment. Only the secret's hash travels; the secret is never stored. With a
 * {@code signingSecret} the key requires signed requests from the start (docs/webhooks.md).
 */
public record CreateSdkKey(String keyId, ProjectKey projectKey, EnvironmentKey environment, SdkKeyKind kind,
                           String name, String secretHash, String displayPrefix, String signingSecret) {

    public CreateSdkKey(String keyId, ProjectKey projectKey, EnvironmentKey environment, SdkKeyKind kind, String name,
                        String secretHash, String displayPrefix) {
        this(keyId, projectKey, environment, kind, name, secretHash, displayPrefix, null);
    }

    @Override
    public String toString() {
        return "CreateSdkKey[" + keyId + ", " + projectKey + ", " + environment + ", " + kind + "]";
    }
}
