package dev.flagledger.projections.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.audit.EventFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.flagledger.projections.flag.TimeColumns.utc;

/** Reads of subscriptions and the delivery log; nothing here writes. */
@Component
public class WebhookQueries {
    private final JdbcTemplate jdbc;
    private final PersonalData personal;

    public WebhookQueries(JdbcTemplate jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    /**
     * The subscription once the read model shows {@code version} (or later), or empty when it does not
     * within the timeout; {@code version} -1 waits until it is gone (deleted).
     */
    public java.util.Optional<WebhookSubscriptionView> await(String subscriptionId, long version, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.Optional<WebhookSubscriptionView> found = jdbc.query("select * from webhook_subscription where"
                    + " subscription_id = ?", (rs, row) -> subscription(rs), subscriptionId).stream().findFirst();
            boolean reached = version < 0 ? found.isEmpty() : found.filter(view -> view.version() >= version).isPresent();
            if (reached || System.nanoTime() > deadline) return found;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    public List<WebhookSubscriptionView> subscriptions(String projectKey) {
        return jdbc.query("select * from webhook_subscription where project_key = ? order by created_at, subscription_id",
                (rs, row) -> subscription(rs), projectKey);
    }

    /**
     * Up to {@code first + 1} deliveries of the project, newest first, strictly older than
     * {@code beforeSeq} (null for the newest), optionally of one subscription or status.
     */
    public List<WebhookDeliveryView> deliveries(String projectKey, String subscriptionId, String status, int first,
                                                Long beforeSeq) {
        List<Object> args = new ArrayList<>(List.of(projectKey));
        StringBuilder where = new StringBuilder(" where project_key = ?");
        if (subscriptionId != null) {
            where.append(" and subscription_id = ?");
            args.add(subscriptionId);
        }
        if (status != null) {
            where.append(" and status = ?");
            args.add(status);
        }
        if (beforeSeq != null) {
            where.append(" and seq < ?");
            args.add(beforeSeq);
        }
        args.add(first + 1);
        return jdbc.query("select * from webhook_delivery" + where + " order by seq desc limit ?",
                (rs, row) -> delivery(rs), args.toArray());
    }

    private WebhookDeliveryView delivery(ResultSet rs) throws SQLException {
        String id = rs.getString("delivery_id");
        List<WebhookDeliveryView.Attempt> attempts = jdbc.query("select attempt, attempted_at, status_code, error,"
                        + " duration_millis from webhook_attempt where delivery_id = ? order by attempt",
                (a, row) -> new WebhookDeliveryView.Attempt(a.getInt(1), utc(a, 2), (Integer) a.getObject(3),
                        a.getString(4), a.getLong(5)), id);
        return new WebhookDeliveryView(rs.getLong("seq"), id, rs.getString("subscription_id"),
                rs.getString("project_key"), rs.getString("event_id"), rs.getLong("event_position"),
                rs.getString("event_type"), opened(rs.getString("payload")), rs.getString("status"),
                rs.getInt("attempts"), utc(rs, "next_attempt_at"), utc(rs, "last_attempt_at"),
                (Integer) rs.getObject("last_status"), rs.getString("last_error"), utc(rs, "created_at"),
                utc(rs, "delivered_at"), attempts);
    }

    /** The body as it is sent: personal values opened, or "[erased]" once their subject was erased. */
    public String opened(String payload) {
        try {
            return EventFields.json().writeValueAsString(personal.openJson(EventFields.json().readTree(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a webhook payload", e);
        }
    }

    private static WebhookSubscriptionView subscription(ResultSet rs) throws SQLException {
        return new WebhookSubscriptionView(rs.getString("subscription_id"), rs.getString("project_key"),
                rs.getString("url"), WebhookProjection.readTypes(rs.getString("event_types")),
                rs.getString("description"), rs.getBoolean("active"), rs.getLong("version"), utc(rs, "created_at"),
                utc(rs, "updated_at"));
    }
}
