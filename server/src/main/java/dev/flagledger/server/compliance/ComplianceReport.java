package dev.flagledger.server.compliance;

import java.time.Instant;
import java.util.List;

/**
 * Every change to a protected environment of a project in [from, to): who, who approved, why, which
 * ticket, when it took effect and whether it went through approval; break-glass changes apart. It
 * names the audit chain's head at generation, and {@code csv} is the signed form (docs/compliance.md).
 */
public record ComplianceReport(String projectKey, Instant from, Instant to, Instant generatedAt, List<Row> changes,
                               List<Row> breakGlass, long chainHeadPosition, String chainHeadHash, String keyId,
                               String signature, String bodySha256, byte[] csv) {

    public record Row(long position, Instant effectiveAt, String environment, String subjectKind, String subjectKey,
                      String eventType, String fields, String authorSubject, String authorName, String approvers,
                      String reason, String ticket, boolean throughApproval, boolean breakGlass,
                      String changeRequestId, String hash) {
    }
}
