package dev.flagledger.domain.webhook;

/** The subscription was deleted; its secret is forgotten and nothing more is delivered to it. */
public record WebhookUnsubscribed(String subscriptionId, String projectKey) implements WebhookEvent {
}
