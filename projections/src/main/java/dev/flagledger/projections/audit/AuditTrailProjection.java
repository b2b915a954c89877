package dev.flagledger.projections.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.privacy.subject.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail: one entry per stored event, in global order, with who, when, why, from where,
 * what it is about, the fields it changed (before and after), the commit and ticket the change came
 * with, and its link in the hash chain.
 * The previous fields of every aggregate are kept beside the entries so a diff needs nothing but
 * this model. Its tracking token is persisted with its rows, in one transaction. Personal values
 * (names, e-mail addresses, targeted keys) arrive sealed and are stored sealed (docs/privacy.md).
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {
    public static final String PROCESSING_GROUP = "audit-trail";
    private static final TypeReference<LinkedHashMap<String, JsonNode>> STATE = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final PersonalData personal;

    public AuditTrailProjection(JdbcTemplate jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    @EventHandler
    void on(Object payload, TrackedEventMessage<?> message) {
        long position = message.trackingToken().position()
                .orElseThrow(() -> new IllegalStateException("audit needs global positions"));
        // The chain hashes the row as stored, the same bytes verification will read back later.
        StoredEvent stored = jdbc.queryForObject("select " + StoredEvent.COLUMNS
                + " from domainevententry where globalindex = ?", (rs, row) -> StoredEvent.read(rs), position);
        String previousHash = jdbc.query("select hash from audit_entry order by position desc limit 1",
                (rs, row) -> rs.getString(1)).stream().findFirst().orElse(AuditChain.GENESIS);
        String hash = AuditChain.link(previousHash, stored.canonicalBytes());

        Map<String, JsonNode> before = state(stored.aggregateId());
        Map<String, JsonNode> assigned = AuditFields.assignedBy(payload);
        List<FieldChange> changes = AuditFields.diff(before, assigned, personal::open);
        Map<String, JsonNode> after = new LinkedHashMap<>(before);
        assigned.forEach((field, value) -> {
            if (value == null) after.remove(field);
            else after.put(field, value);
        });
        saveState(stored.aggregateId(), !before.isEmpty(), after);

        AuditSubject subject = AuditFields.subjectOf(payload);
        MetaData metadata = message.getMetaData();
        jdbc.update("insert into audit_entry (position, event_id, aggregate_id, sequence_number, event_type,"
                        + " occurred_at, actor_subject, actor_name, actor_authentication, reason, origin,"
                        + " correlation_id, project_key, environment_key, subject_kind, subject_key, changes, hash,"
                        + " previous_hash, scheduled_by_subject, scheduled_by_name, vcs_commit, ticket, actor_email)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                position, stored.eventId(), stored.aggregateId(), stored.sequenceNumber(),
                message.getPayloadType().getSimpleName(), message.getTimestamp().atOffset(ZoneOffset.UTC),
                text(metadata, ChangeMetadata.ACTOR_SUBJECT), text(metadata, ChangeMetadata.ACTOR_NAME),
                text(metadata, ChangeMetadata.ACTOR_AUTHENTICATION), text(metadata, ChangeMetadata.REASON),
                text(metadata, ChangeMetadata.ORIGIN), text(metadata, ChangeMetadata.CORRELATION_ID),
                subject.projectKey(), subject.environment(), subject.kind().name(), subject.key(),
                write(changes), hash, previousHash, text(metadata, ChangeMetadata.SCHEDULED_BY_SUBJECT),
                text(metadata, ChangeMetadata.SCHEDULED_BY_NAME), text(metadata, ChangeMetadata.VCS_COMMIT),
                text(metadata, ChangeMetadata.TICKET), text(metadata, ChangeMetadata.ACTOR_EMAIL));
    }

    /** A rebuild recomputes every entry, diff and link from the store. */
    @ResetHandler
    void reset() {
        jdbc.update("delete from audit_entry");
        jdbc.update("delete from audit_aggregate_state");
    }

    private Map<String, JsonNode> state(String aggregateId) {
        return jdbc.query("select state from audit_aggregate_state where aggregate_id = ?",
                        (rs, row) -> read(rs.getString(1)), aggregateId)
                .stream().findFirst().orElseGet(LinkedHashMap::new);
    }

    private void saveState(String aggregateId, boolean exists, Map<String, JsonNode> state) {
        String json = write(AuditFields.toObject(state));
        if (exists) jdbc.update("update audit_aggregate_state set state = ? where aggregate_id = ?", json, aggregateId);
        else jdbc.update("insert into audit_aggregate_state (aggregate_id, state) values (?, ?)", aggregateId, json);
    }

    private static String text(MetaData metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    private static Map<String, JsonNode> read(String json) {
        try {
            return AuditFields.JSON.readValue(json, STATE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read audit state", e);
        }
    }

    static String write(Object value) {
        try {
            return AuditFields.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit column", e);
        }
    }
}
