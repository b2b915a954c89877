package dev.flagledger.server.compliance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The CSV form of a report, RFC 4180 with CRLF: a {@code kind} column first, so one file holds the
 * header row, {@code change} and {@code break-glass} rows, the {@code report} and {@code chain-head}
 * rows, and last the {@code signature} row, whose Ed25519 signature covers every byte before it.
 */
final class ReportCsv {
    static final List<String> HEADER = List.of("kind", "position", "effectiveAt", "environment", "subjectKind",
            "subjectKey", "eventType", "fields", "authorSubject", "authorName", "approvers", "reason", "ticket",
            "throughApproval", "changeRequestId", "entryHash");

    private ReportCsv() {
    }

    static byte[] body(String project, Instant from, Instant to, Instant generatedAt, List<ComplianceReport.Row> changes,
                       List<ComplianceReport.Row> breakGlass, long headPosition, String headHash, String keyId) {
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        line(out, List.of("report", project, from.toString(), to.toString(), generatedAt.toString(), keyId));
        for (ComplianceReport.Row row : changes) line(out, row("change", row));
        for (ComplianceReport.Row row : breakGlass) line(out, row("break-glass", row));
        line(out, List.of("chain-head", Long.toString(headPosition), headHash));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] signed(byte[] body, String keyId, String signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body);
        StringBuilder last = new StringBuilder();
        line(last, List.of("signature", "Ed25519", keyId, signature));
        out.writeBytes(last.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<String> row(String kind, ComplianceReport.Row row) {
        return java.util.Arrays.asList(kind, Long.toString(row.position()), row.effectiveAt().toString(),
                row.environment(), row.subjectKind(), row.subjectKey(), row.eventType(), row.fields(),
                row.authorSubject(), row.authorName(), row.approvers(), row.reason(), row.ticket(),
                Boolean.toString(row.throughApproval()), row.changeRequestId(), row.hash());
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            String cell = cells.get(i);
            if (cell == null) continue;
            if (cell.isEmpty() || cell.matches("(?s).*[\",\r\n].*")) out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            else out.append(cell);
        }
        out.append("\r\n");
    }
}
