package dev.flagledger.sdk.ofrep;

import dev.flagledger.evaluation.EvaluationResult;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OFREP success and error bodies of one flag, shared by single and bulk evaluation. */
final class OfrepBodies {
    private OfrepBodies() {
    }

    static Map<String, Object> success(String key, EvaluationResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("value", integral(result.value()));
        body.put("reason", result.reason().name());
        body.put("variant", result.variant());
        body.put("metadata", result.metadata());
        return body;
    }

    static Map<String, Object> error(String key, String code, String details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("errorCode", code);
        body.put("errorDetails", details == null ? code : details);
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
}
