package dev.flagledger.projections.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.privacy.subject.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the audit trail; nothing here writes. The trail stores personal values sealed (names,
 * e-mail addresses, targeted keys in the changes); entries are read with them opened, so an erased
 * subject's values read as the placeholder (docs/privacy.md).
 */
@Component
public class AuditTrailQueries {
    static final String COLUMNS = "position, event_id, aggregate_id, sequence_number, event_type, occurred_at,"
            + " actor_subject, actor_name, actor_authentication, reason, origin, correlation_id, project_key,"
            + " environment_key, subject_kind, subject_key, changes, hash, previous_hash, scheduled_by_subject,"
            + " scheduled_by_name, vcs_commit, ticket, actor_email";
    private final JdbcTemplate jdbc;
    private final PersonalData personal;

    public AuditTrailQueries(JdbcTemplate jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    /**
     * Up to {@code first + 1} entries, newest first, strictly older than {@code beforePosition}
     * (null for the newest): the extra one says "more".
     */
    public List<AuditEntry> newestFirst(AuditFilter filter, int first, Long beforePosition) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        condition(where, args, "project_key = ?", filter.projectKey());
        if (filter.flagKey() != null) {
            where.append(" and subject_kind = 'FLAG' and subject_key = ?");
            args.add(filter.flagKey());
        }
        if (filter.segmentKey() != null) {
            where.append(" and subject_kind = 'SEGMENT' and subject_key = ?");
            args.add(filter.segmentKey());
        }
        condition(where, args, "environment_key = ?", filter.environment());
        condition(where, args, "actor_subject = ?", filter.actor());
        condition(where, args, "ticket = ?", filter.ticket());
        if (!filter.eventTypes().isEmpty()) {
            where.append(" and event_type in (").append("?, ".repeat(filter.eventTypes().size() - 1)).append("?)");
            args.addAll(filter.eventTypes());
        }
        if (filter.from() != null) condition(where, args, "occurred_at >= ?", filter.from().atOffset(ZoneOffset.UTC));
        if (filter.to() != null) condition(where, args, "occurred_at < ?", filter.to().atOffset(ZoneOffset.UTC));
        condition(where, args, "position < ?", beforePosition);
        args.add(first + 1);
        return jdbc.query("select " + COLUMNS + " from audit_entry" + where + " order by position desc limit ?",
                (rs, row) -> entry(rs, personal), args.toArray());
    }

    /** Every entry in global order: what a rebuild must reproduce exactly. */
    public List<AuditEntry> all() {
        return jdbc.query("select " + COLUMNS + " from audit_entry order by position", (rs, row) -> entry(rs, personal));
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value == null) return;
        where.append(" and ").append(sql);
        args.add(value);
    }

    static AuditEntry entry(ResultSet rs, PersonalData personal) throws SQLException {
        return new AuditEntry(rs.getLong("position"), rs.getString("event_id"), rs.getString("aggregate_id"),
                rs.getLong("sequence_number"), rs.getString("event_type"),
                rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                new AuditEntry.Actor(rs.getString("actor_subject"), personal.open(rs.getString("actor_name")),
                        rs.getString("actor_authentication"), personal.open(rs.getString("actor_email"))),
                rs.getString("reason"), rs.getString("origin"), rs.getString("correlation_id"),
                rs.getString("project_key"), rs.getString("environment_key"),
                AuditSubject.Kind.valueOf(rs.getString("subject_kind")), rs.getString("subject_key"),
                changes(rs.getString("changes"), personal), rs.getString("hash"), rs.getString("previous_hash"),
                scheduledBy(rs.getString("scheduled_by_subject"), personal.open(rs.getString("scheduled_by_name"))),
                rs.getString("vcs_commit"), rs.getString("ticket"));
    }

    /** Who scheduled the change, on entries the scheduler caused; null on every other entry. */
    private static AuditEntry.Actor scheduledBy(String subject, String name) {
        return subject == null && name == null ? null : new AuditEntry.Actor(subject, name, null, null);
    }

    private static List<AuditEntry.Change> changes(String json, PersonalData personal) {
        try {
            List<AuditEntry.Change> changes = new ArrayList<>();
            for (JsonNode change : AuditFields.JSON.readTree(json))
                changes.add(new AuditEntry.Change(change.path("field").asText(),
                        plain(personal.openJson(change.get("before"))), plain(personal.openJson(change.get("after")))));
            return changes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read audit changes", e);
        }
    }

    /** GraphQL's JSON scalar renders plain Java values (maps, lists, strings, numbers, booleans). */
    private static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : AuditFields.JSON.convertValue(node, Object.class);
    }
}
