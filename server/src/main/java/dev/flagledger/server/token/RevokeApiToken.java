package dev.flagledger.server.token;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a token for good; requests carrying it are refused from then on. */
public record RevokeApiToken(@TargetAggregateIdentifier String tokenId) {
}
