package dev.flagledger.graphql.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.webhook.CreateWebhookSubscription;
import dev.flagledger.domain.webhook.DeleteWebhookSubscription;
import dev.flagledger.domain.webhook.UpdateWebhookSubscription;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.privacy.signing.HmacSignatures;
import dev.flagledger.projections.webhook.WebhookDeliveryView;
import dev.flagledger.projections.webhook.WebhookQueries;
import dev.flagledger.projections.webhook.WebhookSubscriptionView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A project's webhook subscriptions and their delivery log (docs/webhooks.md). */
@Controller
public class WebhookController {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private static final String CURSOR_KIND = "webhook-delivery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChangeSender changes;
    private final WebhookQueries queries;

    public WebhookController(ChangeSender changes, WebhookQueries queries) {
        this.changes = changes;
        this.queries = queries;
    }

    record CreateWebhookSubscriptionInput(String projectKey, String url, List<String> eventTypes, String description,
                                          String reason) {
    }

    record UpdateWebhookSubscriptionInput(String projectKey, String id, String url, List<String> eventTypes,
                                          String description, boolean active, long expectedVersion, String reason) {
    }

    record DeleteWebhookSubscriptionInput(String projectKey, String id, String reason) {
    }

    @QueryMapping
    public List<WebhookSubscriptionView> webhookSubscriptions(@Argument String projectKey) {
        return queries.subscriptions(projectKey);
    }

    @QueryMapping
    public Map<String, Object> webhookDeliveries(@Argument String projectKey, @Argument String subscriptionId,
                                                 @Argument String status, @Argument Integer first, @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        String afterKey = KeysetConnection.keyAfter(CURSOR_KIND, after);
        Long before;
        try {
            before = afterKey == null ? null : Long.parseLong(afterKey);
        } catch (NumberFormatException e) {
            throw new InvalidInput("invalid cursor");
        }
        List<WebhookDeliveryView> deliveries = queries.deliveries(projectKey, subscriptionId, status, size, before);
        boolean more = deliveries.size() > size;
        return KeysetConnection.of(CURSOR_KIND, more ? deliveries.subList(0, size) : deliveries, more, after,
                delivery -> Long.toString(delivery.seq()), null);
    }

    @MutationMapping
    public Map<String, Object> createWebhookSubscription(@Argument CreateWebhookSubscriptionInput input,
                                                         Authentication authentication, GraphQLContext context) {
        String id = UUID.randomUUID().toString();
        String secret = HmacSignatures.newSecret("whsec_");
        changes.send(new CreateWebhookSubscription(id, new ProjectKey(input.projectKey()), input.url(),
                input.eventTypes(), input.description(), secret), input.reason(), authentication, context);
        WebhookSubscriptionView created = queries.await(id, 0, READ_YOUR_WRITE)
                .orElseThrow(() -> new IllegalStateException("the subscription did not reach its read model in time"));
        return Map.of("subscription", created, "secret", secret);
    }

    @MutationMapping
    public Map<String, Object> updateWebhookSubscription(@Argument UpdateWebhookSubscriptionInput input,
                                                         Authentication authentication, GraphQLContext context) {
        long version = changes.send(new UpdateWebhookSubscription(input.id(), new ProjectKey(input.projectKey()),
                input.url(), input.eventTypes(), input.description(), input.active(), input.expectedVersion()),
                input.reason(), authentication, context);
        Map<String, Object> payload = new HashMap<>();
        payload.put("subscription", queries.await(input.id(), version, READ_YOUR_WRITE).orElse(null));
        return payload;
    }

    @MutationMapping
    public Map<String, Object> deleteWebhookSubscription(@Argument DeleteWebhookSubscriptionInput input,
                                                         Authentication authentication, GraphQLContext context) {
        changes.send(new DeleteWebhookSubscription(input.id(), new ProjectKey(input.projectKey())), input.reason(),
                authentication, context);
        queries.await(input.id(), -1, READ_YOUR_WRITE);
        Map<String, Object> payload = new HashMap<>();
        payload.put("subscription", null);
        return payload;
    }

    @SchemaMapping(typeName = "WebhookDelivery", field = "eventPosition")
    public String eventPosition(WebhookDeliveryView delivery) {
        return Long.toString(delivery.eventPosition());
    }

    @SchemaMapping(typeName = "WebhookDelivery", field = "payload")
    public Object payload(WebhookDeliveryView delivery) throws JsonProcessingException {
        return JSON.readValue(delivery.payload(), Object.class);
    }

    @SchemaMapping(typeName = "WebhookDelivery", field = "attemptLog")
    public List<WebhookDeliveryView.Attempt> attemptLog(WebhookDeliveryView delivery) {
        return delivery.attemptLog();
    }
}
