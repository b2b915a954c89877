package dev.flagledger.graphql.audit;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.projections.audit.AuditChainReport;
import dev.flagledger.projections.audit.AuditChainVerifier;
import dev.flagledger.projections.audit.AuditEntry;
import dev.flagledger.projections.audit.AuditFilter;
import dev.flagledger.projections.audit.AuditTrailQueries;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The audit trail and its chain verification. */
@Controller
public class AuditController {
    private static final String CURSOR_KIND = "audit";
    private final AuditTrailQueries queries;
    private final AuditChainVerifier verifier;

    public AuditController(AuditTrailQueries queries, AuditChainVerifier verifier) {
        this.queries = queries;
        this.verifier = verifier;
    }

    record AuditFilterInput(String projectKey, String flagKey, String segmentKey, String environment, String actor,
                            String ticket, List<String> eventTypes, OffsetDateTime from, OffsetDateTime to) {
        AuditFilter toFilter() {
            return new AuditFilter(projectKey, flagKey, segmentKey, environment, actor, ticket, eventTypes,
                    from == null ? null : from.toInstant(), to == null ? null : to.toInstant());
        }
    }

    @QueryMapping
    public Map<String, Object> auditTrail(@Argument AuditFilterInput filter, @Argument Integer first,
                                          @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        String afterKey = KeysetConnection.keyAfter(CURSOR_KIND, after);
        Long before = afterKey == null ? null : position(afterKey, "invalid cursor");
        List<AuditEntry> entries = queries.newestFirst(filter == null ? AuditFilter.ALL : filter.toFilter(), size, before);
        boolean more = entries.size() > size;
        return KeysetConnection.of(CURSOR_KIND, more ? entries.subList(0, size) : entries, more, after,
                entry -> Long.toString(entry.position()), null);
    }

    @QueryMapping
    public AuditChainReport verifyAuditChain(@Argument String from, @Argument String to) {
        long lower = from == null ? 0 : position(from, "from must be a global position");
        long upper = to == null ? Long.MAX_VALUE : position(to, "to must be a global position");
        if (lower > upper) throw new InvalidInput("from must not be after to");
        return verifier.verify(lower, upper);
    }

    @SchemaMapping(typeName = "AuditEntry", field = "position")
    public String position(AuditEntry entry) {
        return Long.toString(entry.position());
    }

    @SchemaMapping(typeName = "AuditEntry", field = "subjectKind")
    public String subjectKind(AuditEntry entry) {
        return entry.subjectKind().name();
    }

    @SchemaMapping(typeName = "AuditChainMismatch", field = "position")
    public String mismatchPosition(AuditChainReport.Mismatch mismatch) {
        return Long.toString(mismatch.position());
    }

    private static long position(String text, String problem) {
        try {
            long position = Long.parseLong(text);
            if (position < 0) throw new InvalidInput(problem);
            return position;
        } catch (NumberFormatException e) {
            throw new InvalidInput(problem);
        }
    }
}
