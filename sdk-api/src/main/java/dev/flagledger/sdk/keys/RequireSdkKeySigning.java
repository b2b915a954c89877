package dev.flagledger.sdk.keys;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From now on every request with this key must be signed with {@code signingSecret} (which replaces any earlier one). */
public record RequireSdkKeySigning(@TargetAggregateIdentifier String keyId, String signingSecret) {
    @Override
    public String toString() {
        return "RequireSdkKeySigning[" + keyId + "]"; // never the secret
    }
}
