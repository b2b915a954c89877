package dev.flagledger.projections.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One delivery of one change to one subscription, and its attempts. {@code payload} is the body as
 * sent (personal values opened by the query); {@code seq} orders the log and makes its cursor.
 */
public record WebhookDeliveryView(long seq, String id, String subscriptionId, String projectKey, String eventId,
                                  long eventPosition, String eventType, String payload, String status, int attempts,
                                  OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, Integer lastStatus,
                                  String lastError, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
                                  List<Attempt> attemptLog) {

    public record Attempt(int attempt, OffsetDateTime at, Integer statusCode, String error, long durationMillis) {
    }
}
