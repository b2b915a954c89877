package dev.flagledger.projections.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.webhook.WebhookSubscribed;
import dev.flagledger.domain.webhook.WebhookSubscriptionChanged;
import dev.flagledger.domain.webhook.WebhookUnsubscribed;
import dev.flagledger.projections.audit.AuditSubject;
import dev.flagledger.projections.audit.EventFields;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook subscriptions (a read model of their events) and the deliveries each change owes them.
 * One processor in global order, so a subscription receives exactly the changes stored after it.
 * Queuing a delivery is not replayed: a rebuild restores the subscriptions and sends nothing twice.
 * The payload is stored as the audit reads the event: personal values sealed (the dispatcher opens
 * them when it sends, so an erasure reaches retries too).
 */
@Component
@ProcessingGroup(WebhookProjection.PROCESSING_GROUP)
public class WebhookProjection {
    public static final String PROCESSING_GROUP = "webhooks";
    private static final ObjectMapper JSON = EventFields.json();
    private final JdbcTemplate jdbc;
    private final WebhookSignal signal;

    public WebhookProjection(JdbcTemplate jdbc, WebhookSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    @EventHandler
    void on(WebhookSubscribed event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("insert into webhook_subscription (subscription_id, project_key, url, event_types, description, active,"
                        + " version, created_at, updated_at) values (?, ?, ?, ?, ?, true, ?, ?, ?)", event.subscriptionId(),
                event.projectKey(), event.url(), write(event.eventTypes()), event.description(), version, utc(at), utc(at));
    }

    @EventHandler
    void on(WebhookSubscriptionChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update webhook_subscription set url = ?, event_types = ?, description = ?, active = ?, version = ?,"
                        + " updated_at = ? where subscription_id = ?", event.url(), write(event.eventTypes()),
                event.description(), event.active(), version, utc(at), event.subscriptionId());
    }

    @EventHandler
    void on(WebhookUnsubscribed event) {
        jdbc.update("delete from webhook_subscription where subscription_id = ?", event.subscriptionId());
    }

    /** Any other change of a project: one delivery per active subscription that wants its type. */
    @EventHandler
    @DisallowReplay
    void on(Object payload, TrackedEventMessage<?> message) {
        AuditSubject subject = EventFields.subjectOf(payload);
        if (subject.projectKey() == null) return;
        String type = message.getPayloadType().getSimpleName();
        List<Map<String, Object>> subscriptions = jdbc.queryForList("select subscription_id, event_types from"
                + " webhook_subscription where project_key = ? and active = true", subject.projectKey());
        if (subscriptions.isEmpty()) return;
        long position = message.trackingToken().position().orElse(-1);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int queued = 0;
        for (Map<String, Object> subscription : subscriptions) {
            List<String> types = readTypes((String) subscription.get("event_types"));
            if (!types.isEmpty() && !types.contains(type)) continue;
            String deliveryId = UUID.randomUUID().toString();
            jdbc.update("insert into webhook_delivery (delivery_id, subscription_id, project_key, event_id, event_position,"
                            + " event_type, payload, status, attempts, next_attempt_at, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)", deliveryId,
                    subscription.get("subscription_id"), subject.projectKey(), message.getIdentifier(), position, type,
                    write(body(deliveryId, type, payload, subject, message, position)), now, now);
            queued++;
        }
        if (queued > 0) afterCommit(signal::queued);
    }

    /** Subscriptions are rebuilt from their events; the delivery log is history and stays. */
    @ResetHandler
    void reset() {
        jdbc.update("delete from webhook_subscription");
    }

    private static ObjectNode body(String deliveryId, String type, Object payload, AuditSubject subject,
                                   TrackedEventMessage<?> message, long position) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", deliveryId);
        body.put("type", type);
        body.put("project", subject.projectKey());
        body.put("environment", subject.environment());
        ObjectNode about = body.putObject("subject");
        about.put("kind", subject.kind().name());
        about.put("key", subject.key());
        ObjectNode event = body.putObject("event");
        event.put("id", message.getIdentifier());
        event.put("position", Long.toString(position));
        event.put("occurredAt", message.getTimestamp().toString());
        if (message instanceof DomainEventMessage<?> domain) {
            event.put("aggregateId", domain.getAggregateIdentifier());
            event.put("version", domain.getSequenceNumber());
        }
        MetaData metadata = message.getMetaData();
        ObjectNode actor = body.putObject("actor");
        actor.put("subject", text(metadata, ChangeMetadata.ACTOR_SUBJECT));
        actor.put("name", text(metadata, ChangeMetadata.ACTOR_NAME));
        body.put("reason", text(metadata, ChangeMetadata.REASON));
        body.put("origin", text(metadata, ChangeMetadata.ORIGIN));
        body.put("correlationId", text(metadata, ChangeMetadata.CORRELATION_ID));
        ObjectNode fields = body.putObject("fields");
        EventFields.assignedBy(payload).forEach(fields::set);
        return body;
    }

    private static String text(MetaData metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    static List<String> readTypes(String json) {
        try {
            return JSON.readValue(json, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a subscription's event types", e);
        }
    }

    private static String write(Object value) {
        try {
            return value instanceof JsonNode node ? JSON.writeValueAsString(node) : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook column", e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
