package dev.flagledger.domain.webhook;

import java.util.List;

/** A subscription's whole new settings; {@code active} false pauses deliveries without forgetting it. */
public record WebhookSubscriptionChanged(String subscriptionId, String projectKey, String url, List<String> eventTypes,
                                         String description, boolean active) implements WebhookEvent {
    public WebhookSubscriptionChanged {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
