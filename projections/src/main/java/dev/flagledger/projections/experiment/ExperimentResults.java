package dev.flagledger.projections.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the results page shows, computed from the per-unit aggregates: exposures per arm, the SRM
 * check, and per metric and arm every statistic of experiments-stats, plus a plain-language verdict.
 */
public record ExperimentResults(String experimentKey, String status, Instant computedAt, List<ArmExposure> exposures,
                                long switchedUnits, Srm srm, List<MetricResult> metrics, String verdict,
                                Map<String, Long> rejectedEvents) {

    /** Units per arm against the configured share; {@code expectedShare} averages the weight periods by their units. */
    public record ArmExposure(String arm, long units, double observedShare, double expectedShare) {
    }

    public record Srm(double chiSquare, int degreesOfFreedom, double pValue, double threshold, boolean untrustworthy) {
    }

    /**
     * One metric. {@code analysis}: MEAN, CUPED, RATIO or STRATIFIED (weights changed, per-period estimates);
     * {@code cap} the winsorisation value when the metric is capped.
     */
    public record MetricResult(String key, String name, String role, String kind, String direction, String analysis,
                               Double cap, Double cupedTheta, Double varianceReduction,
                               Double minimumDetectableEffect, List<ArmMetric> arms) {
    }

    /** One arm of one metric; comparisons are null for the control and while data are insufficient. */
    public record ArmMetric(String arm, String status, String reason, Long units, Double mean, Double standardError,
                            Effect absolute, Effect relative, Double adjustedPValue, String verdict,
                            Interval sequentialAbsolute, Interval sequentialRelative, Bayesian bayesian) {
    }

    public record Effect(double estimate, double standardError, double pValue, double lower, double upper) {
    }

    public record Interval(double estimate, double lower, double upper) {
    }

    public record Bayesian(double chanceToBeatControl, double relativeEffect, double credibleLower,
                           double credibleUpper, double expectedLossTreatment, double expectedLossControl) {
    }
}
