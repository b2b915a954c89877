package dev.flagledger.projections.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.audit.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Streams the audit entries of a time range, oldest first, joined with their event rows as stored.
 * The audit's readings show personal values opened (or "[erased]"), while the stored rows keep them
 * sealed, so the chain verifies either way (docs/privacy.md).
 * Rows are fetched in batches inside one read-only transaction (PostgreSQL only uses a cursor then),
 * so a million entries never sit in memory.
 */
@Component
public class AuditExport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String SELECT = "select a.event_type, a.occurred_at, a.actor_subject, a.actor_name, a.reason,"
            + " a.origin, a.correlation_id, a.vcs_commit, a.ticket, a.project_key, a.environment_key, a.subject_kind, a.subject_key, a.changes,"
            + " a.previous_hash, a.hash, a.position as entry_position, a.event_id as entry_event_id,"
            + " a.aggregate_id as entry_aggregate_id, a.sequence_number as entry_sequence, d."
            + StoredEvent.COLUMNS.replace(", ", ", d.")
            + " from audit_entry a left join domainevententry d on d.globalindex = a.position"
            + " where a.occurred_at >= ? and a.occurred_at < ? order by a.position";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final PersonalData personal;

    public AuditExport(DataSource dataSource, PlatformTransactionManager transactions, PersonalData personal) {
        this.personal = personal;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Writes entries with {@code from <= occurredAt < to} (either may be null for open) in the format. */
    public void write(Instant from, Instant to, ExportFormat format, OutputStream out) throws IOException {
        OffsetDateTime lower = (from == null ? Instant.EPOCH : from).atOffset(ZoneOffset.UTC);
        OffsetDateTime upper = (to == null ? Instant.parse("9999-12-31T00:00:00Z") : to).atOffset(ZoneOffset.UTC);
        try (ExportFormat.Sink sink = format.open(out)) {
            readOnly.executeWithoutResult(status -> jdbc.query(SELECT, rs -> {
                // A deleted event row still exports its entry, with the store columns it no longer has.
                StoredEvent event = rs.getObject("globalindex") != null ? StoredEvent.read(rs)
                        : new StoredEvent(rs.getLong("entry_position"), rs.getString("entry_event_id"),
                        rs.getString("entry_aggregate_id"), rs.getLong("entry_sequence"), null, null, null, null,
                        null, null);
                ExportLine line = new ExportLine(event, rs.getString("event_type"),
                        rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toString(),
                        rs.getString("actor_subject"), personal.open(rs.getString("actor_name")), rs.getString("reason"),
                        rs.getString("origin"), rs.getString("correlation_id"), rs.getString("vcs_commit"),
                        rs.getString("ticket"), rs.getString("project_key"),
                        rs.getString("environment_key"), rs.getString("subject_kind"), rs.getString("subject_key"),
                        openedChanges(rs.getString("changes")), rs.getString("previous_hash").trim(),
                        rs.getString("hash").trim());
                try {
                    sink.write(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, lower, upper));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The audit's reading with personal values opened (or the erased placeholder); the hashed row keeps them sealed. */
    private String openedChanges(String changes) {
        if (changes == null || !changes.contains(PersonalValue.PREFIX)) return changes;
        try {
            return JSON.writeValueAsString(personal.openJson(JSON.readTree(changes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read audit changes", e);
        }
    }
}
