package dev.flagledger.domain.webhook;

import dev.flagledger.domain.project.ProjectKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a subscription; {@code projectKey} must be the subscription's own (else NOT_FOUND). */
public record DeleteWebhookSubscription(@TargetAggregateIdentifier String subscriptionId, ProjectKey projectKey) {
}
