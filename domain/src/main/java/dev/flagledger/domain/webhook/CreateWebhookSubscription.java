package dev.flagledger.domain.webhook;

import dev.flagledger.domain.project.ProjectKey;

import java.util.List;

/** Subscribe a URL to a project's changes. The secret travels to the secret store, never into an event. */
public record CreateWebhookSubscription(String subscriptionId, ProjectKey projectKey, String url, List<String> eventTypes,
                                        String description, String secret) {
    @Override
    public String toString() {
        return "CreateWebhookSubscription[" + subscriptionId + ", " + projectKey + ", " + url + "]"; // never the secret
    }
}
