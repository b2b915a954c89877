package dev.flagledger.projections.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/** A subscription as the API shows it (never its secret). */
public record WebhookSubscriptionView(String id, String projectKey, String url, List<String> eventTypes,
                                      String description, boolean active, long version, OffsetDateTime createdAt,
                                      OffsetDateTime updatedAt) {
}
