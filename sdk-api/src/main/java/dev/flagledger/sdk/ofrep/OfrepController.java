package dev.flagledger.sdk.ofrep;

import dev.flagledger.evaluation.ErrorCode;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.web.SdkPrincipal;
import dev.flagledger.sdk.web.SdkRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenFeature Remote Evaluation Protocol: single and bulk evaluation against the in-memory
 * snapshot of the key's own environment, and the provider configuration. The environment comes
 * only from the key, never from the request, so a key cannot read another environment.
 */
@RestController
public class OfrepController {
    private final EvaluationSnapshots snapshots;

    public OfrepController(EvaluationSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @PostMapping("/ofrep/v1/evaluate/flags/{key}")
    public ResponseEntity<Map<String, Object>> evaluate(@PathVariable String key,
                                                        @RequestBody(required = false) byte[] body,
                                                        HttpServletRequest request, SdkPrincipal principal) {
        EvaluationContext context;
        try {
            context = SdkRequests.context(body, request);
        } catch (SdkRequests.BadRequest bad) {
            return ResponseEntity.badRequest().body(error(key, bad.errorCode(), bad.getMessage()));
        }
        EvaluationResult result = snapshot(principal).config().evaluate(key, context);
        if (result.errorCode() == ErrorCode.FLAG_NOT_FOUND)
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error(key, "FLAG_NOT_FOUND", result.errorMessage()));
        if (result.isError())
            return ResponseEntity.badRequest().body(error(key, result.errorCode().name(), result.errorMessage()));
        return ResponseEntity.ok(success(key, result));
    }

    @PostMapping("/ofrep/v1/evaluate/flags")
    public ResponseEntity<Map<String, Object>> evaluateAll(@RequestBody(required = false) byte[] body,
                                                           @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch,
                                                           HttpServletRequest request, SdkPrincipal principal) {
        EvaluationContext context;
        try {
            context = SdkRequests.context(body, request);
        } catch (SdkRequests.BadRequest bad) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorCode", bad.errorCode());
            error.put("errorDetails", bad.getMessage());
            return ResponseEntity.badRequest().body(error);
        }
        EnvironmentSnapshot snapshot = snapshot(principal);
        // The answer depends on the snapshot and the context only: same both, same ETag.
        String etag = "\"" + sha256(snapshot.etag() + "|" + canonical(context)) + "\"";
        if (etag.equals(ifNoneMatch)) return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        List<Map<String, Object>> flags = new ArrayList<>();
        for (String key : snapshot.config().flagKeys()) {
            EvaluationResult result = snapshot.config().evaluate(key, context);
            flags.add(result.isError() ? error(key, result.errorCode().name(), result.errorMessage())
                    : success(key, result));
        }
        return ResponseEntity.ok().eTag(etag).body(Map.of("flags", flags));
    }

    @GetMapping("/ofrep/v1/configuration")
    public Map<String, Object> configuration() {
        return Map.of("name", "Flagledger", "capabilities", Map.of(
                "cacheInvalidation", Map.of("polling", Map.of("enabled", true, "minPollingIntervalMs", 1000)),
                "flagEvaluation", Map.of("supportedTypes", List.of("boolean", "string", "integer", "float", "object"))));
    }

    private EnvironmentSnapshot snapshot(SdkPrincipal principal) {
        return snapshots.current(principal.grant().projectKey(), principal.grant().environment())
                .orElseThrow(() -> new IllegalStateException("the evaluation snapshot is still loading"));
    }

    private static Map<String, Object> success(String key, EvaluationResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("value", integral(result.value()));
        body.put("reason", result.reason().name());
        body.put("variant", result.variant());
        body.put("metadata", result.metadata());
        return body;
    }

    /**
     * The domain keeps numbers as stripped BigDecimals, so 10 would go out as {@code 1E+1}: valid
     * JSON, but typed clients (the Java OFREP provider) read it as a double and refuse it as an
     * integer. Whole numbers go out as integers.
     */
    private static Object integral(Object value) {
        if (value instanceof BigDecimal decimal && decimal.signum() == 0) return BigInteger.ZERO;
        if (value instanceof BigDecimal decimal && decimal.scale() <= 0) return decimal.toBigIntegerExact();
        return value;
    }

    private static Map<String, Object> error(String key, String code, String details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("errorCode", code);
        body.put("errorDetails", details == null ? code : details);
        return body;
    }

    private static String canonical(EvaluationContext context) {
        return new java.util.TreeMap<>(context.attributes()).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
