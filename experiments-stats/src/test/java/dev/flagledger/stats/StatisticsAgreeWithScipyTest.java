package dev.flagledger.stats;

import static dev.flagledger.stats.ScipyFixtures.cases;
import static dev.flagledger.stats.ScipyFixtures.close;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.stats.bayes.BayesianComparison;
import dev.flagledger.stats.bayes.BayesianResult;
import dev.flagledger.stats.bayes.GaussianPrior;
import dev.flagledger.stats.cuped.Cuped;
import dev.flagledger.stats.cuped.CupedAdjustment;
import dev.flagledger.stats.frequentist.Effect;
import dev.flagledger.stats.frequentist.PValueCorrection;
import dev.flagledger.stats.frequentist.WelchResult;
import dev.flagledger.stats.frequentist.WelchTest;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Estimators;
import dev.flagledger.stats.power.Baseline;
import dev.flagledger.stats.power.PowerCalculator;
import dev.flagledger.stats.sequential.ConfidenceSequence;
import dev.flagledger.stats.srm.SampleRatioCheck;
import dev.flagledger.stats.srm.SrmResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance 1: every statistic agrees to 1e-6 with SciPy (fixtures/generate.py, run on the raw per-unit
 * values; this module only ever sees their aggregates).
 */
class StatisticsAgreeWithScipyTest {

    @TestFactory
    Stream<DynamicTest> welch_t_test_matches_scipy_ttest_ind_with_unequal_variances() {
        return cases("welch", c -> {
            ArmEstimate control = Estimators.mean(ScipyFixtures.moments(c.get("control")));
            ArmEstimate treatment = Estimators.mean(ScipyFixtures.moments(c.get("treatment")));
            WelchResult r = WelchTest.compare(control, treatment, c.get("alpha").asDouble());
            JsonNode e = c.get("expected");
            close("degrees of freedom", r.degreesOfFreedom(), e.get("df").asDouble());
            effect("absolute", r.absolute(), e.get("absolute"));
            close("t statistic", r.absolute().estimate() / r.absolute().standardError(), e.at("/absolute/t").asDouble());
            effect("relative", r.relative(), e.get("relative"));
        });
    }

    private static void effect(String which, Effect actual, JsonNode expected) {
        close(which + " estimate", actual.estimate(), expected.get("estimate").asDouble());
        close(which + " standard error", actual.standardError(), expected.get("se").asDouble());
        close(which + " p-value", actual.pValue(), expected.get("p").asDouble());
        close(which + " lower bound", actual.lower(), expected.get("lower").asDouble());
        close(which + " upper bound", actual.upper(), expected.get("upper").asDouble());
    }

    @TestFactory
    Stream<DynamicTest> sample_ratio_mismatch_matches_scipy_chisquare() {
        return cases("srm", c -> {
            long[] observed = toLongs(c.get("observed"));
            SrmResult r = SampleRatioCheck.check(observed, ScipyFixtures.doubles(c.get("weights")));
            double p = c.at("/expected/p").asDouble();
            close("chi-square", r.chiSquare(), c.at("/expected/chiSquare").asDouble());
            close("p-value", r.pValue(), p);
            assertThat(r.untrustworthy()).as("untrustworthy exactly when p < 0.001").isEqualTo(p < 0.001);
        });
    }

    private static long[] toLongs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
        return out;
    }

    @TestFactory
    Stream<DynamicTest> cuped_adjusted_estimates_match_scipy_on_adjusted_unit_values() {
        return cases("cuped", c -> {
            CupedAdjustment r = Cuped.adjust(ScipyFixtures.list(c.get("arms"), ScipyFixtures::paired));
            JsonNode e = c.get("expected");
            close("theta", r.theta(), e.get("theta").asDouble());
            close("variance reduction", r.varianceReduction(), e.get("varianceReduction").asDouble());
            for (int arm = 0; arm < 2; arm++) {
                close("adjusted mean of arm " + arm, r.adjusted().get(arm).mean(), e.get("means").get(arm).asDouble());
                close("variance of adjusted mean of arm " + arm, r.adjusted().get(arm).varianceOfMean(),
                        e.get("variancesOfMean").get(arm).asDouble());
            }
            WelchResult w = WelchTest.compare(r.adjusted().get(0), r.adjusted().get(1), c.get("alpha").asDouble());
            close("adjusted t", w.absolute().estimate() / w.absolute().standardError(), e.get("t").asDouble());
            close("adjusted p-value", w.absolute().pValue(), e.get("p").asDouble());
        });
    }

    @TestFactory
    Stream<DynamicTest> ratio_metric_delta_method_matches_numpy() {
        return cases("ratio", c -> {
            ArmEstimate r = Estimators.ratio(ScipyFixtures.paired(c.get("arm")));
            close("ratio", r.mean(), c.at("/expected/ratio").asDouble());
            close("variance of ratio", r.varianceOfMean(), c.at("/expected/varianceOfMean").asDouble());
        });
    }

    @TestFactory
    Stream<DynamicTest> posterior_quantities_match_scipy_distributions_and_quadrature() {
        return cases("bayesian", c -> {
            JsonNode p = c.get("prior");
            GaussianPrior prior = p.isNull() ? GaussianPrior.FLAT
                    : new GaussianPrior(p.get("mean").asDouble(), p.get("variance").asDouble());
            BayesianResult r = BayesianComparison.compare(ScipyFixtures.estimate(c.get("control")),
                    ScipyFixtures.estimate(c.get("treatment")), prior, Direction.valueOf(c.get("direction").asText()),
                    c.get("credibleLevel").asDouble());
            JsonNode e = c.get("expected");
            close("posterior log mean", r.logMean(), e.get("logMean").asDouble());
            close("posterior log sd", r.logSd(), e.get("logSd").asDouble());
            close("chance to beat control", r.chanceToBeatControl(), e.get("chanceToBeatControl").asDouble());
            close("expected loss of shipping treatment", r.expectedLossTreatment(), e.get("expectedLossTreatment").asDouble());
            close("expected loss of keeping control", r.expectedLossControl(), e.get("expectedLossControl").asDouble());
            close("credible lower", r.credibleLower(), e.get("credibleLower").asDouble());
            close("credible upper", r.credibleUpper(), e.get("credibleUpper").asDouble());
        });
    }

    @TestFactory
    Stream<DynamicTest> holm_and_benjamini_hochberg_match_their_definitions() {
        return cases("correction", c -> {
            double[] p = ScipyFixtures.doubles(c.get("p"));
            double[] holm = PValueCorrection.HOLM.adjust(p);
            double[] bh = PValueCorrection.BENJAMINI_HOCHBERG.adjust(p);
            for (int i = 0; i < p.length; i++) {
                close("Holm " + i, holm[i], c.get("holm").get(i).asDouble());
                close("BH " + i, bh[i], c.get("benjaminiHochberg").get(i).asDouble());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> power_sample_size_and_mde_match_scipy_brentq() {
        return cases("power", c -> {
            PowerCalculator calc = new PowerCalculator(c.get("alpha").asDouble());
            double mean = c.get("baselineMean").asDouble();
            Baseline baseline = c.get("proportion").asBoolean() ? Baseline.conversion(mean)
                    : Baseline.mean(mean, c.get("unitVariance").asDouble());
            long n = c.get("unitsPerArm").asLong();
            double effect = c.get("effect").asDouble();
            JsonNode e = c.get("expected");
            close("power", calc.power(baseline, effect, n, n), e.get("power").asDouble());
            assertThat(calc.sampleSizePerArm(baseline, effect, 0.8)).isEqualTo(e.get("sampleSizePerArmFor80").asLong());
            close("minimum detectable effect", calc.minimumDetectableEffect(baseline, n, n, 0.8), e.get("mdeFor80").asDouble());
        });
    }

    @TestFactory
    Stream<DynamicTest> confidence_sequence_half_width_matches_the_published_formula() {
        return cases("sequential", c -> {
            ConfidenceSequence cs = new ConfidenceSequence(c.get("alpha").asDouble(), c.get("tuningSample").asDouble());
            double hw = cs.halfWidth(c.get("varianceOfEstimate").asDouble(), c.get("n").asLong());
            close("half-width", hw, c.at("/expected/halfWidth").asDouble());
            assertThat(hw).as("always-valid interval is wider than the fixed-horizon one")
                    .isGreaterThan(c.at("/expected/fixedHalfWidth").asDouble());
        });
    }
}
