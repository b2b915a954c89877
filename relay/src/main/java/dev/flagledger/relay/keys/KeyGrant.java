package dev.flagledger.relay.keys;

import dev.flagledger.relay.environment.EnvironmentId;

/**
 * What an SDK key lets its holder read, as the upstream answered {@code GET /sdk/v1/key}: one
 * environment, and whether the key is a SERVER key (rules, config, stream) or a CLIENT key.
 */
public record KeyGrant(String id, EnvironmentId environment, String kind) {
    public boolean isServerKey() {
        return "SERVER".equals(kind);
    }
}
