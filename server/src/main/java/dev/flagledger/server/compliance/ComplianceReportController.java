package dev.flagledger.server.compliance;

import dev.flagledger.auth.access.Grants;
import dev.flagledger.auth.access.Permission;
import dev.flagledger.auth.access.Scope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Downloads of compliance reports (docs/compliance.md): {@code GET /api/compliance/report?projectKey=&from=&to=&format=csv|pdf}
 * for viewers of the project, and the public key that verifies them at {@code /api/compliance/signing-key}.
 */
@RestController
public class ComplianceReportController {
    private final ComplianceReports reports;
    private final ReportSigner signer;

    public ComplianceReportController(ComplianceReports reports, ReportSigner signer) {
        this.reports = reports;
        this.signer = signer;
    }

    @GetMapping("/api/compliance/report")
    public ResponseEntity<?> report(@RequestParam String projectKey, @RequestParam String from, @RequestParam String to,
                                    @RequestParam(defaultValue = "csv") String format, Authentication caller) {
        if (!Grants.of(caller).allow(Permission.VIEWER, Scope.project(projectKey)))
            return problem(HttpStatus.FORBIDDEN, "viewing compliance reports needs viewer on project " + projectKey);
        Instant start;
        Instant end;
        try {
            start = Instant.parse(from);
            end = Instant.parse(to);
        } catch (DateTimeParseException bad) {
            return problem(HttpStatus.BAD_REQUEST, "from and to are ISO-8601 instants, e.g. 2026-01-01T00:00:00Z");
        }
        if (!format.equals("csv") && !format.equals("pdf"))
            return problem(HttpStatus.BAD_REQUEST, "format is csv or pdf");
        ComplianceReport report;
        try {
            report = reports.report(projectKey, start, end);
        } catch (dev.flagledger.domain.shared.InvalidInput invalid) {
            return problem(HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
        String name = "compliance-" + projectKey + "-" + from.replace(':', '-') + "." + format;
        boolean pdf = format.equals("pdf");
        return ResponseEntity.ok()
                .contentType(pdf ? MediaType.APPLICATION_PDF : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header("X-Flagledger-Chain-Head", report.chainHeadPosition() + " " + report.chainHeadHash())
                .header("X-Flagledger-Signature", "Ed25519 " + report.keyId() + " " + report.signature())
                .body(pdf ? ReportPdf.render(report) : report.csv());
    }

    @GetMapping(value = "/api/compliance/signing-key", produces = "application/x-pem-file")
    public String signingKey() {
        return signer.publicKeyPem();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
