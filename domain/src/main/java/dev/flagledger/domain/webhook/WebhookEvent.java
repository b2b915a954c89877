package dev.flagledger.domain.webhook;

/** Facts about a project's webhook subscriptions; they never carry the signing secret. */
public sealed interface WebhookEvent permits WebhookSubscribed, WebhookSubscriptionChanged, WebhookUnsubscribed {
    String subscriptionId();

    String projectKey();
}
