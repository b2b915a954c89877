package dev.flagledger.stats.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagledger.stats.frequentist.WelchResult;
import dev.flagledger.stats.frequentist.WelchTest;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Estimators;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.power.Baseline;
import dev.flagledger.stats.power.PowerCalculator;
import dev.flagledger.stats.sequential.ConfidenceSequence;
import org.junit.jupiter.api.Test;

/** Acceptance 2: seeded simulations of whole experiments, from per-arm aggregates. */
class FalsePositiveAndPowerSimulationTest {
    private static final double ALPHA = 0.05;
    private static final int EXPERIMENTS = 1000;

    @Test
    void a_thousand_aa_experiments_on_conversion_give_a_false_positive_rate_near_alpha() {
        Simulated sim = new Simulated(11);
        int positives = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            Moments a = sim.conversionArm(4000, 0.08), b = sim.conversionArm(4000, 0.08);
            if (significant(a, b)) positives++;
        }
        System.out.printf("A/A conversion: false-positive rate %.3f%n", positives / (double) EXPERIMENTS);
        assertThat(positives / (double) EXPERIMENTS).as("A/A false-positive rate on conversion").isBetween(0.035, 0.065);
    }

    @Test
    void a_thousand_aa_experiments_on_a_mean_metric_with_unequal_arms_give_a_false_positive_rate_near_alpha() {
        Simulated sim = new Simulated(12);
        int positives = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            Moments a = sim.normalArm(3000, 40, 25), b = sim.normalArm(1800, 40, 25);
            if (significant(a, b)) positives++;
        }
        System.out.printf("A/A mean metric: false-positive rate %.3f%n", positives / (double) EXPERIMENTS);
        assertThat(positives / (double) EXPERIMENTS).as("A/A false-positive rate on a mean metric").isBetween(0.035, 0.065);
    }

    @Test
    void with_hourly_peeking_the_confidence_sequence_stays_under_alpha_while_the_fixed_horizon_test_exceeds_it() {
        int hours = 14 * 24, unitsPerArmPerHour = 60;
        double rate = 0.10;
        ConfidenceSequence sequence = new ConfidenceSequence(ALPHA, ConfidenceSequence.DEFAULT_TUNING_SAMPLE);
        Simulated sim = new Simulated(13);
        int fixedEverSignificant = 0, sequentialEverSignificant = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            Moments a = Moments.EMPTY, b = Moments.EMPTY;
            boolean fixed = false, sequential = false;
            for (int h = 0; h < hours && !(fixed && sequential); h++) {
                a = a.plus(sim.conversionArm(unitsPerArmPerHour, rate));
                b = b.plus(sim.conversionArm(unitsPerArmPerHour, rate));
                if (a.sum() == 0 || b.sum() == 0) continue; // nothing to compare yet
                ArmEstimate ea = Estimators.mean(a), eb = Estimators.mean(b);
                fixed |= !fixed && WelchTest.absolutePValue(ea, eb) < ALPHA;
                sequential |= !sequential && sequence.compare(ea, eb).absolute().excludesZero();
            }
            if (fixed) fixedEverSignificant++;
            if (sequential) sequentialEverSignificant++;
        }
        double fixedRate = fixedEverSignificant / (double) EXPERIMENTS;
        double sequentialRate = sequentialEverSignificant / (double) EXPERIMENTS;
        System.out.printf("hourly peeking over %d looks: fixed-horizon %.3f, sequential %.3f%n", hours, fixedRate, sequentialRate);
        assertThat(sequentialRate).as("always-valid false-positive rate under peeking").isLessThanOrEqualTo(ALPHA);
        assertThat(fixedRate).as("fixed-horizon false-positive rate under the same peeking").isGreaterThan(ALPHA);
    }

    @Test
    void a_true_five_percent_uplift_is_detected_at_the_power_the_calculator_predicted() {
        PowerCalculator calculator = new PowerCalculator(ALPHA);
        Baseline baseline = Baseline.conversion(0.10);
        double uplift = 0.05;
        long perArm = calculator.sampleSizePerArm(baseline, uplift, 0.80);
        double predicted = calculator.power(baseline, uplift, perArm, perArm);

        Simulated sim = new Simulated(14);
        int detected = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            Moments control = sim.conversionArm((int) perArm, 0.10);
            Moments treatment = sim.conversionArm((int) perArm, 0.10 * (1 + uplift));
            WelchResult r = WelchTest.compare(Estimators.mean(control), Estimators.mean(treatment), ALPHA);
            if (r.absolute().pValue() < ALPHA && r.absolute().estimate() > 0) detected++;
        }
        double observed = detected / (double) EXPERIMENTS;
        System.out.printf("power: predicted %.3f at %d units per arm, observed %.3f%n", predicted, perArm, observed);
        assertThat(observed).as("observed power vs predicted %.3f", predicted).isBetween(predicted - 0.05, predicted + 0.05);
    }

    private static boolean significant(Moments a, Moments b) {
        return WelchTest.compare(Estimators.mean(a), Estimators.mean(b), ALPHA).absolute().pValue() < ALPHA;
    }
}
