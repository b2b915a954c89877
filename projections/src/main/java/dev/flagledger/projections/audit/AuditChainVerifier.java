package dev.flagledger.projections.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * Recomputes the audit chain from the event store's rows (never from the audit's own copies) and
 * finds the first entry that does not match: an altered or deleted event row, a broken link, or a
 * stored event the trail has no entry for.
 */
@Component
public class AuditChainVerifier {
    private static final String ENTRIES = "select a.position, a.event_id as entry_event_id, a.hash, a.previous_hash, d."
            + StoredEvent.COLUMNS.replace(", ", ", d.") + " from audit_entry a left join domainevententry d"
            + " on d.globalindex = a.position where a.position between ? and ? order by a.position";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    /** Rows are fetched in batches in one read-only transaction (PostgreSQL only uses a cursor then). */
    public AuditChainVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Checks entries at global positions {@code from..to} (inclusive); the link into the range is trusted. */
    public AuditChainReport verify(long from, long to) {
        return readOnly.execute(status -> verifyInTransaction(from, to));
    }

    private AuditChainReport verifyInTransaction(long from, long to) {
        String anchor = jdbc.query("select hash from audit_entry where position < ? order by position desc limit 1",
                (rs, row) -> rs.getString(1), from).stream().findFirst().orElse(AuditChain.GENESIS);
        Walk walk = jdbc.query(ENTRIES, walker(anchor), from, to);
        Optional<AuditChainReport.Mismatch> unrecorded = unrecordedEvent(from, Math.min(to, walk.lastPosition));
        AuditChainReport.Mismatch first = walk.mismatch;
        if (unrecorded.isPresent() && (first == null || unrecorded.get().position() < first.position()))
            first = unrecorded.get();
        return new AuditChainReport(from, to, walk.checked, first);
    }

    private static ResultSetExtractor<Walk> walker(String anchor) {
        return rs -> {
            Walk walk = new Walk();
            String expectedPrevious = anchor;
            while (rs.next()) {
                long position = rs.getLong("position");
                String recorded = rs.getString("hash");
                walk.checked++;
                walk.lastPosition = position;
                if (rs.getObject("globalindex") == null) {
                    walk.mismatch = new AuditChainReport.Mismatch(position, rs.getString("entry_event_id"),
                            "the event is missing from the store", null, recorded);
                    return walk;
                }
                StoredEvent event = StoredEvent.read(rs);
                String expected = AuditChain.link(expectedPrevious, event.canonicalBytes());
                if (!expectedPrevious.equals(rs.getString("previous_hash")) || !expected.equals(recorded)) {
                    String problem = expectedPrevious.equals(rs.getString("previous_hash"))
                            ? "the stored event differs from the one the entry recorded"
                            : "the entry does not link to the entry before it";
                    walk.mismatch = new AuditChainReport.Mismatch(position, event.eventId(), problem, expected,
                            recorded);
                    return walk;
                }
                expectedPrevious = expected;
            }
            return walk;
        };
    }

    /** A stored event inside the audited range without an entry: an entry was deleted. */
    private Optional<AuditChainReport.Mismatch> unrecordedEvent(long from, long to) {
        return jdbc.query("select d.globalindex, d.eventidentifier from domainevententry d where d.globalindex between ? and ?"
                        + " and not exists (select 1 from audit_entry a where a.position = d.globalindex)"
                        + " order by d.globalindex limit 1",
                (rs, row) -> new AuditChainReport.Mismatch(rs.getLong(1), rs.getString(2),
                        "the audit trail has no entry for this event", null, null), from, to).stream().findFirst();
    }

    private static final class Walk {
        long checked;
        long lastPosition = Long.MIN_VALUE;
        AuditChainReport.Mismatch mismatch;
    }
}
