package dev.flagledger.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.analysis.ExperimentAnalysis.Computed;
import dev.flagledger.stats.analysis.ExperimentAnalysis.Insufficient;
import dev.flagledger.stats.analysis.ExperimentAnalysis.Verdict;
import dev.flagledger.stats.bayes.GaussianPrior;
import dev.flagledger.stats.frequentist.PValueCorrection;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.metric.PairedMoments;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentAnalyzerTest {
    private final ExperimentAnalyzer analyzer = new ExperimentAnalyzer(AnalysisSettings.defaults());

    private static ExperimentInput twoArms(long control, long treatment, MetricInput... metrics) {
        return new ExperimentInput(List.of("control", "treatment"), List.of(0.5, 0.5), List.of(control, treatment),
                List.of(metrics));
    }

    @Test
    void an_assignment_served_55_45_against_50_50_is_marked_untrustworthy() {
        ExperimentAnalysis result = analyzer.analyze(twoArms(5500, 4500));
        assertThat(result.srm().orElseThrow().untrustworthy()).isTrue();
        assertThat(result.srm().orElseThrow().pValue()).isLessThan(0.001);
        assertThat(analyzer.analyze(twoArms(5010, 4990)).srm().orElseThrow().untrustworthy()).isFalse();
    }

    @Test
    void a_clear_conversion_lift_is_better_in_every_framework() {
        ExperimentAnalysis result = analyzer.analyze(twoArms(20000, 20000, new MetricInput.Mean("signup",
                Direction.HIGHER_IS_BETTER, List.of(Moments.ofConversions(20000, 2000), Moments.ofConversions(20000, 2300)))));
        Computed c = (Computed) result.metrics().get(0).arms().get(1).comparison();
        assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
        assertThat(c.frequentist().relative().estimate()).isCloseTo(0.15, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.sequential().absolute().excludesZero()).isTrue();
        assertThat(c.bayesian()).hasValueSatisfying(b -> assertThat(b.chanceToBeatControl()).isGreaterThan(0.99));
    }

    @Test
    void a_drop_in_a_lower_is_better_metric_is_better_and_its_chance_to_beat_control_is_high() {
        ExperimentAnalysis result = analyzer.analyze(twoArms(5000, 5000, new MetricInput.Mean("latency",
                Direction.LOWER_IS_BETTER, List.of(new Moments(5000, 5000 * 200.0, 5000 * (200.0 * 200 + 900)),
                        new Moments(5000, 5000 * 190.0, 5000 * (190.0 * 190 + 900))))));
        Computed c = (Computed) result.metrics().get(0).arms().get(1).comparison();
        assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
        assertThat(c.bayesian().orElseThrow().chanceToBeatControl()).isGreaterThan(0.99);
        assertThat(c.bayesian().orElseThrow().expectedLossTreatment()).isLessThan(c.bayesian().orElseThrow().expectedLossControl());
    }

    @Test
    void thin_arms_come_back_insufficient_instead_of_failing_the_analysis() {
        ExperimentAnalysis result = analyzer.analyze(twoArms(1, 0, new MetricInput.Mean("signup",
                Direction.HIGHER_IS_BETTER, List.of(Moments.ofConversions(1, 0), Moments.EMPTY))));
        assertThat(result.metrics().get(0).arms().get(1).comparison()).isInstanceOf(Insufficient.class);
        assertThat(result.metrics().get(0).arms().get(1).estimate()).isEmpty();
    }

    @Test
    void an_experiment_before_its_first_exposure_has_no_srm_check_and_only_insufficient_comparisons() {
        ExperimentAnalysis result = analyzer.analyze(twoArms(0, 0, new MetricInput.Mean("signup",
                Direction.HIGHER_IS_BETTER, List.of(Moments.EMPTY, Moments.EMPTY))));
        assertThat(result.srm()).isEmpty();
        assertThat(result.metrics().get(0).arms().get(1).comparison()).isInstanceOf(Insufficient.class);
    }

    @Test
    void a_ratio_whose_denominator_is_still_zero_says_so() {
        PairedMoments empty = PairedMoments.of(new double[] {0, 0, 0}, new double[] {0, 0, 0});
        PairedMoments some = PairedMoments.of(new double[] {3, 0, 5}, new double[] {1, 0, 2});
        ExperimentAnalysis result = analyzer.analyze(twoArms(3, 3,
                new MetricInput.Ratio("revenue-per-order", Direction.HIGHER_IS_BETTER, List.of(empty, some))));
        assertThat(result.metrics().get(0).arms().get(1).comparison())
                .isEqualTo(new Insufficient("control: ratio denominator sums to zero"));
    }

    @Test
    void the_correction_runs_across_arms_and_metrics() {
        var three = new ExperimentInput(List.of("c", "t1", "t2"), List.of(1.0, 1.0, 1.0), List.of(1000L, 1000L, 1000L),
                List.of(new MetricInput.Mean("m1", Direction.HIGHER_IS_BETTER,
                                List.of(Moments.ofConversions(1000, 100), Moments.ofConversions(1000, 128), Moments.ofConversions(1000, 104))),
                        new MetricInput.Mean("m2", Direction.HIGHER_IS_BETTER,
                                List.of(Moments.ofConversions(1000, 300), Moments.ofConversions(1000, 310), Moments.ofConversions(1000, 290)))));
        ExperimentAnalysis none = new ExperimentAnalyzer(new AnalysisSettings(0.05, PValueCorrection.NONE,
                GaussianPrior.FLAT, 0.95, 5000, 0.001)).analyze(three);
        ExperimentAnalysis holm = analyzer.analyze(three);
        Computed raw = (Computed) none.metrics().get(0).arms().get(1).comparison();
        Computed adjusted = (Computed) holm.metrics().get(0).arms().get(1).comparison();
        assertThat(raw.adjustedPValue()).isEqualTo(raw.frequentist().absolute().pValue()).isLessThan(0.05);
        // The smallest of four p-values is multiplied by four under Holm.
        assertThat(adjusted.adjustedPValue()).isCloseTo(4 * raw.adjustedPValue(), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(adjusted.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(raw.verdict()).isEqualTo(Verdict.BETTER);
        // The sequences get alpha / 4, so they widen with the family.
        assertThat(adjusted.sequential().alpha()).isEqualTo(0.05 / 4);
        assertThat(adjusted.sequential().absolute().upper() - adjusted.sequential().absolute().lower())
                .isGreaterThan(raw.sequential().absolute().upper() - raw.sequential().absolute().lower());
    }

    @Test
    void a_metric_with_pre_exposure_values_is_cuped_adjusted_and_narrower() {
        PairedMoments control = PairedMoments.of(new double[] {10, 12, 9, 15, 11, 14}, new double[] {9, 12, 8, 14, 11, 13});
        PairedMoments treatment = PairedMoments.of(new double[] {11, 13, 10, 17, 12, 15}, new double[] {9, 12, 8, 15, 10, 13});
        ExperimentAnalysis withCuped = analyzer.analyze(twoArms(6, 6,
                new MetricInput.MeanWithPreExposure("spend", Direction.HIGHER_IS_BETTER, List.of(control, treatment))));
        ExperimentAnalysis plain = analyzer.analyze(twoArms(6, 6,
                new MetricInput.Mean("spend", Direction.HIGHER_IS_BETTER, List.of(control.x(), treatment.x()))));
        assertThat(withCuped.metrics().get(0).cupedTheta()).isPresent();
        assertThat(withCuped.metrics().get(0).varianceReduction().orElseThrow()).isGreaterThan(0.8);
        double cupedSe = ((Computed) withCuped.metrics().get(0).arms().get(1).comparison()).frequentist().absolute().standardError();
        double plainSe = ((Computed) plain.metrics().get(0).arms().get(1).comparison()).frequentist().absolute().standardError();
        assertThat(cupedSe).isLessThan(plainSe / 2);
    }

    @Test
    void a_ratio_metric_is_analysed_with_the_delta_method() {
        PairedMoments control = PairedMoments.of(new double[] {10, 0, 30, 20, 5}, new double[] {1, 1, 3, 2, 1});
        PairedMoments treatment = PairedMoments.of(new double[] {12, 4, 33, 25, 8}, new double[] {1, 1, 3, 2, 1});
        ExperimentAnalysis result = analyzer.analyze(twoArms(5, 5,
                new MetricInput.Ratio("revenue-per-item", Direction.HIGHER_IS_BETTER, List.of(control, treatment))));
        assertThat(result.metrics().get(0).arms().get(0).estimate().orElseThrow().mean()).isEqualTo(65.0 / 8);
        assertThat(result.metrics().get(0).arms().get(1).comparison()).isInstanceOf(Computed.class);
    }

    @Test
    void a_metric_kept_per_weight_period_is_compared_on_period_weighted_means() {
        // Period 1: 50/50 at 2 %; period 2: 10/90 at 8 %. Same rates in both arms, so no effect.
        List<List<Moments>> periods = List.of(
                List.of(Moments.ofConversions(1000, 20), Moments.ofConversions(1000, 20)),
                List.of(Moments.ofConversions(200, 16), Moments.ofConversions(1800, 144)));
        ExperimentAnalysis result = analyzer.analyze(twoArms(1200, 3800,
                new MetricInput.PeriodMean("signup", Direction.HIGHER_IS_BETTER, periods)));
        Computed c = (Computed) result.metrics().get(0).arms().get(1).comparison();
        assertThat(c.frequentist().absolute().estimate()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(result.metrics().get(0).arms().get(0).estimate().orElseThrow().mean()).isCloseTo(0.05,
                org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void malformed_input_is_a_typed_error() {
        assertThatThrownBy(() -> new ExperimentInput(List.of("a", "a"), List.of(1.0, 1.0), List.of(1L, 1L), List.of()))
                .isInstanceOf(InvalidStatsInput.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> twoArms(10, 10, new MetricInput.Mean("m", Direction.HIGHER_IS_BETTER,
                List.of(Moments.EMPTY, Moments.EMPTY, Moments.EMPTY)))).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> analyzer.analyze(new ExperimentInput(List.of("a", "b"), List.of(1.0, -1.0),
                List.of(1L, 1L), List.of()))).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> Moments.ofConversions(10, 11)).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> new Moments(3, Double.NaN, 1)).isInstanceOf(InvalidStatsInput.class);
    }
}
