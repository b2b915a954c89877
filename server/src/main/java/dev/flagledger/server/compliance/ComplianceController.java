package dev.flagledger.server.compliance;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.OffsetDateTime;

/** The compliance report over GraphQL (the downloads are {@link ComplianceReportController}'s). */
@Controller
public class ComplianceController {
    private final ComplianceReports reports;
    private final ReportSigner signer;

    public ComplianceController(ComplianceReports reports, ReportSigner signer) {
        this.reports = reports;
        this.signer = signer;
    }

    @QueryMapping
    public ComplianceReport complianceReport(@Argument String projectKey, @Argument OffsetDateTime from,
                                             @Argument OffsetDateTime to) {
        return reports.report(projectKey, from.toInstant(), to.toInstant());
    }

    @SchemaMapping(typeName = "ComplianceReport", field = "publicKey")
    public String publicKey(ComplianceReport report) {
        return signer.publicKeyPem();
    }

    @SchemaMapping(typeName = "ComplianceReport", field = "from")
    public String from(ComplianceReport report) {
        return report.from().toString();
    }

    @SchemaMapping(typeName = "ComplianceReport", field = "to")
    public String to(ComplianceReport report) {
        return report.to().toString();
    }

    @SchemaMapping(typeName = "ComplianceReport", field = "generatedAt")
    public String generatedAt(ComplianceReport report) {
        return report.generatedAt().toString();
    }

    @SchemaMapping(typeName = "ComplianceChange", field = "effectiveAt")
    public String effectiveAt(ComplianceReport.Row row) {
        return row.effectiveAt().toString();
    }
}
