package dev.flagledger.evaluation;

import java.util.Map;

/**
 * The outcome of one evaluation; evaluation never throws. On error, value and variant are null
 * and the SDK returns the caller's default. A disabled flag without an off variation also has a
 * null value and variant, meaning "use the caller's default".
 *
 * @param matchedRuleId the rule that decided the value, if one did
 * @param matchedTarget true when an individual target decided the value
 * @param metadata      flat OpenFeature flag metadata: {@code flagVersion}, and on a failed
 *                      prerequisite {@code prerequisiteFailed} (the key) and {@code reasonDetail}
 *                      ({@code PREREQUISITE_FAILED})
 */
public record EvaluationResult(Object value, String variant, Reason reason, ErrorCode errorCode,
                               String errorMessage, String matchedRuleId, boolean matchedTarget,
                               Map<String, Object> metadata) {
    public EvaluationResult {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    static EvaluationResult served(Object value, String variant, Reason reason, String ruleId, boolean target,
                                   Map<String, Object> metadata) {
        return new EvaluationResult(value, variant, reason, null, null, ruleId, target, metadata);
    }

    static EvaluationResult error(ErrorCode code, String message, Map<String, Object> metadata) {
        return new EvaluationResult(null, null, Reason.ERROR, code, message, null, false, metadata);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
