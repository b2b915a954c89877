package dev.flagledger.sdk.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link SnapshotLoading} as 503 + Retry-After: OFREP's error body on /ofrep, problem+json elsewhere. */
@RestControllerAdvice
public class SnapshotLoadingAdvice {
    @ExceptionHandler(SnapshotLoading.class)
    ResponseEntity<Map<String, Object>> loading(SnapshotLoading loading, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        MediaType type = MediaType.APPLICATION_JSON;
        if (request.getRequestURI().startsWith("/ofrep/")) {
            body.put("errorCode", "GENERAL");
            body.put("errorDetails", loading.getMessage());
        } else {
            type = MediaType.APPLICATION_PROBLEM_JSON;
            body.put("type", "about:blank");
            body.put("title", "Service Unavailable");
            body.put("status", 503);
            body.put("detail", loading.getMessage());
            body.put("code", "UNAVAILABLE");
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(type)
                .header(HttpHeaders.RETRY_AFTER, "1").body(body);
    }
}
