package dev.flagledger.sdk.keys;

import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectKey;

/** Issues a key for one environment. Only the secret's hash travels; the secret is never stored. */
public record CreateSdkKey(String keyId, ProjectKey projectKey, EnvironmentKey environment, SdkKeyKind kind,
                           String name, String secretHash, String displayPrefix) {
}
