package dev.flagledger.server.audit;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.projections.audit.export.AuditExport;
import dev.flagledger.projections.audit.export.ExportFormat;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The auditors' export: {@code GET /api/audit/export?format=jsonl|csv&from=&to=} (ISO-8601 instants,
 * from inclusive, to exclusive), streamed as it is read. Admins only, like every path the security
 * configuration does not open.
 */
@RestController
public class AuditExportController {
    private final AuditExport export;

    public AuditExportController(AuditExport export) {
        this.export = export;
    }

    /**
     * Written in the request thread, not as an async {@code StreamingResponseBody}: an async response
     * ends with 503 after the async request timeout (30 s on Tomcat), and an export of a few hundred
     * thousand entries takes longer than that (H2 also reads the whole result before the first row).
     */
    @GetMapping("/api/audit/export")
    public void export(@RequestParam(required = false) String format, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        ExportFormat chosen = ExportFormat.named(format);
        Instant lower = instant(from, "from");
        Instant upper = instant(to, "to");
        response.setContentType(chosen.contentType() + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit." + chosen.extension() + "\"");
        export.write(lower, upper, chosen, response.getOutputStream());
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInput invalid) {
        ProblemDetail problem = ProblemDetail.forStatus(400);
        problem.setTitle("Bad Request");
        problem.setDetail(invalid.getMessage());
        problem.setProperty("code", "VALIDATION");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Instant instant(String text, String name) {
        if (text == null || text.isBlank()) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name + " must be an ISO-8601 instant");
        }
    }
}
