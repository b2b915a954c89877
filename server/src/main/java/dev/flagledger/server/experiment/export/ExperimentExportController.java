package dev.flagledger.server.experiment.export;

import dev.flagledger.auth.access.Grants;
import dev.flagledger.auth.access.Permission;
import dev.flagledger.auth.access.Scope;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.experiment.ExperimentView;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * On-demand exports: {@code GET /api/experiments/export?projectKey=&experimentKey=&data=results|exposures|events
 * &format=csv|parquet}, for anyone who may view the project (the security configuration lets signed-in callers
 * through; the project check is here, where the project is known).
 */
@RestController
public class ExperimentExportController {
    private final ExperimentQueries queries;
    private final ExperimentExport export;

    public ExperimentExportController(ExperimentQueries queries, ExperimentExport export) {
        this.queries = queries;
        this.export = export;
    }

    @GetMapping("/api/experiments/export")
    public void export(@RequestParam String projectKey, @RequestParam String experimentKey,
                       @RequestParam(required = false) String data, @RequestParam(required = false) String format,
                       Authentication caller, HttpServletResponse response) throws IOException {
        if (!Grants.of(caller).allow(Permission.VIEWER, Scope.project(projectKey))) {
            problem(response, HttpStatus.FORBIDDEN, "FORBIDDEN", "viewing project " + projectKey + " is not granted");
            return;
        }
        ExperimentView experiment = queries.experiment(projectKey, experimentKey)
                .orElseThrow(() -> new NotFound("no experiment " + experimentKey + " in project " + projectKey));
        ExportData what = ExportData.named(data);
        String chosen = format == null ? "csv" : format;
        Table table = export.table(experiment, what);
        String name = experiment.projectKey() + "-" + experiment.key() + "-" + what.name().toLowerCase();
        if (chosen.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"");
            TableWriters.csv(table, response.getOutputStream());
        } else if (chosen.equals("parquet")) {
            File file = Files.createTempFile("experiment-export", ".parquet").toFile();
            try {
                Files.delete(file.toPath()); // the writer creates it
                TableWriters.parquet(table, "experiment_" + what.name().toLowerCase(), file);
                response.setContentType("application/vnd.apache.parquet");
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".parquet\"");
                response.setContentLengthLong(file.length());
                Files.copy(file.toPath(), response.getOutputStream());
            } finally {
                Files.deleteIfExists(file.toPath());
            }
        } else {
            throw new InvalidInput("format must be csv or parquet");
        }
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInput invalid) {
        return problemEntity(HttpStatus.BAD_REQUEST, "VALIDATION", invalid.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> missing(NotFound missing) {
        return problemEntity(HttpStatus.NOT_FOUND, "NOT_FOUND", missing.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problemEntity(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase()
                + "\",\"code\":\"" + code + "\",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
