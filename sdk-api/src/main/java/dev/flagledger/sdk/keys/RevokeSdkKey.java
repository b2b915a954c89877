package dev.flagledger.sdk.keys;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a key for good; requests carrying it are refused from then on. */
public record RevokeSdkKey(@TargetAggregateIdentifier String keyId) {
}
