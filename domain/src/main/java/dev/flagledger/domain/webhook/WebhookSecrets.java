package dev.flagledger.domain.webhook;

/**
 * Where signing secrets live: outside the event store (events are forever and exported), written in
 * the command's transaction so a subscription never exists without its secret.
 */
public interface WebhookSecrets {
    void store(String subscriptionId, String secret);

    void forget(String subscriptionId);
}
