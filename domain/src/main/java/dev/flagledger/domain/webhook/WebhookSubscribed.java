package dev.flagledger.domain.webhook;

import java.util.List;

/** A project began sending its changes to {@code url}; {@code eventTypes} empty means every change. */
public record WebhookSubscribed(String subscriptionId, String projectKey, String url, List<String> eventTypes,
                                String description) implements WebhookEvent {
    public WebhookSubscribed {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
