package dev.flagledger.projections.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One audit entry as read. {@code position} is the event's global position in the store: entries are
 * ordered and paged by it, so a cursor stays valid whatever arrives later. {@code scheduledBy} names
 * the user who scheduled the change on entries the scheduler caused (origin scheduler), else null.
 * {@code vcsCommit} and {@code ticket} are what the change was sent with (the CLI's apply sends both;
 * a change request's applied changes carry the request's ticket), else null.
 */
public record AuditEntry(long position, String eventId, String aggregateId, long version, String eventType,
                         OffsetDateTime occurredAt, Actor actor, String reason, String origin, String correlationId,
                         String projectKey, String environment, AuditSubject.Kind subjectKind, String subjectKey,
                         List<Change> changes, String hash, String previousHash, Actor scheduledBy,
                         String vcsCommit, String ticket) {

    /** {@code name} and {@code email} are opened: the placeholder once the actor was erased. */
    public record Actor(String subject, String name, String authentication, String email) {
    }

    /** A changed field; {@code before}/{@code after} are JSON-shaped Java values (null when absent). */
    public record Change(String field, Object before, Object after) {
    }

    public String flagKey() {
        return subjectKind == AuditSubject.Kind.FLAG ? subjectKey : null;
    }

    public String segmentKey() {
        return subjectKind == AuditSubject.Kind.SEGMENT ? subjectKey : null;
    }
}
