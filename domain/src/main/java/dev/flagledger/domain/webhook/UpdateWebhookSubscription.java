package dev.flagledger.domain.webhook;

import dev.flagledger.domain.project.ProjectKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Replace a subscription's settings; {@code projectKey} must be the subscription's own (else NOT_FOUND). */
public record UpdateWebhookSubscription(@TargetAggregateIdentifier String subscriptionId, ProjectKey projectKey,
                                        String url, List<String> eventTypes, String description, boolean active,
                                        @TargetAggregateVersion Long expectedVersion) {
}
