package dev.flagledger.server.web;

import dev.flagledger.auth.web.RefusalLog;
import dev.flagledger.auth.web.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP endpoints outside GraphQL (SDK event ingestion, the audit export, ...) answer a store that is
 * away with 503 problem+json, {@code code: UNAVAILABLE} and {@code Retry-After}, the same code GraphQL
 * uses; anything else keeps its own handling.
 */
@RestControllerAdvice
public class UnavailableProblems {
    private static final Logger log = LoggerFactory.getLogger(UnavailableProblems.class);
    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unavailable(Exception thrown) throws Exception {
        if (!Unavailable.causedBy(thrown)) throw thrown;
        refusals.refused("request", thrown);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Service Unavailable");
        problem.put("status", 503);
        problem.put("detail", "The store is unavailable; retry later");
        problem.put("code", "UNAVAILABLE");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
