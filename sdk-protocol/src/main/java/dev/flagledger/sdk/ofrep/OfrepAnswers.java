package dev.flagledger.sdk.ofrep;

import dev.flagledger.evaluation.ErrorCode;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;

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
 * The bodies of the OpenFeature Remote Evaluation Protocol, for the server and the relay alike: a
 * client (or a cache in front of either) sees the same answer, and the same bulk ETag, wherever
 * it asks.
 */
public final class OfrepAnswers {
    private OfrepAnswers() {
    }

    /** A single evaluation's answer: 200 with the value, 404 FLAG_NOT_FOUND, or 400 with the error code. */
    public record Answer(int status, Map<String, Object> body) {
    }

    public static Answer single(EvaluationConfig config, String key, EvaluationContext context) {
        EvaluationResult result = config.evaluate(key, context);
        if (result.errorCode() == ErrorCode.FLAG_NOT_FOUND)
            return new Answer(404, error(key, "FLAG_NOT_FOUND", result.errorMessage()));
        if (result.isError()) return new Answer(400, error(key, result.errorCode().name(), result.errorMessage()));
        return new Answer(200, success(key, result));
    }

    /** Every flag of the environment for one context, in key order: {@code {"flags": [...]}}. */
    public static Map<String, Object> bulk(EvaluationConfig config, EvaluationContext context) {
        List<Map<String, Object>> flags = new ArrayList<>();
        for (String key : config.flagKeys()) {
            EvaluationResult result = config.evaluate(key, context);
            flags.add(result.isError() ? error(key, result.errorCode().name(), result.errorMessage())
                    : success(key, result));
        }
        return Map.of("flags", flags);
    }

    /**
     * The bulk answer depends on the environment's snapshot and the context only: same both, same
     * ETag, on every server and relay.
     *
     * @param snapshotEtag     the environment's config ETag ({@code "project/environment/position"})
     * @param canonicalContext {@link OfrepContexts#canonical}
     */
    public static String bulkEtag(String snapshotEtag, String canonicalContext) {
        return "\"" + sha256(snapshotEtag + "|" + canonicalContext) + "\"";
    }

    /** The config ETag of an environment at a store position: it changes exactly when the config does. */
    public static String configEtag(String projectKey, String environment, long position) {
        return "\"" + projectKey + "/" + environment + "/" + position + "\"";
    }

    /** {@code GET /ofrep/v1/configuration}: polling is the cache invalidation OFREP providers know. */
    public static Map<String, Object> configuration() {
        return Map.of("name", "Flagledger", "capabilities", Map.of(
                "cacheInvalidation", Map.of("polling", Map.of("enabled", true, "minPollingIntervalMs", 1000)),
                "flagEvaluation", Map.of("supportedTypes", List.of("boolean", "string", "integer", "float", "object"))));
    }

    /** The 400 body of a bulk request whose body could not be read. */
    public static Map<String, Object> badBulkRequest(OfrepContexts.BadRequest bad) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorCode", bad.errorCode());
        error.put("errorDetails", bad.getMessage());
        return error;
    }

    public static Map<String, Object> error(String key, String code, String details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("errorCode", code);
        body.put("errorDetails", details == null ? code : details);
        return body;
    }

    public static Map<String, Object> success(String key, EvaluationResult result) {
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
    static Object integral(Object value) {
        if (value instanceof BigDecimal decimal && decimal.signum() == 0) return BigInteger.ZERO;
        if (value instanceof BigDecimal decimal && decimal.scale() <= 0) return decimal.toBigIntegerExact();
        return value;
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
