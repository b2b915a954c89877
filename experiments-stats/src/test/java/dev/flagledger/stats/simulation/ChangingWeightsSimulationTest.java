package dev.flagledger.stats.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagledger.stats.frequentist.WelchTest;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Estimators;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.metric.Stratified;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weights that change over time (a bandit) while the metric drifts: pooling all units invents an effect,
 * the per-period (stratified) estimate does not.
 */
class ChangingWeightsSimulationTest {

    @Test
    void when_weights_shift_while_conversion_drifts_only_the_stratified_analysis_keeps_its_false_positive_rate() {
        int experiments = 400, periods = 10, unitsPerPeriod = 4000;
        Simulated sim = new Simulated(31);
        int pooledPositives = 0, stratifiedPositives = 0;
        for (int e = 0; e < experiments; e++) {
            Moments pooledA = Moments.EMPTY, pooledB = Moments.EMPTY;
            List<List<Moments>> byPeriod = new ArrayList<>();
            for (int p = 0; p < periods; p++) {
                double rate = 0.02 + 0.006 * p;             // the same for both arms: an A/A test
                double shareB = p < 2 ? 0.5 : 0.9;          // re-weighted towards B after burn-in
                int b = (int) Math.round(unitsPerPeriod * shareB), a = unitsPerPeriod - b;
                Moments ma = sim.conversionArm(a, rate), mb = sim.conversionArm(b, rate);
                pooledA = pooledA.plus(ma);
                pooledB = pooledB.plus(mb);
                byPeriod.add(List.of(ma, mb));
            }
            if (WelchTest.absolutePValue(Estimators.mean(pooledA), Estimators.mean(pooledB)) < 0.05) pooledPositives++;
            List<ArmEstimate> stratified = Stratified.combine(byPeriod);
            if (WelchTest.absolutePValue(stratified.get(0), stratified.get(1)) < 0.05) stratifiedPositives++;
        }
        double pooled = pooledPositives / (double) experiments, strat = stratifiedPositives / (double) experiments;
        System.out.printf("changing weights: pooled false-positive rate %.3f, stratified %.3f%n", pooled, strat);
        assertThat(pooled).as("pooled analysis under drift and re-weighting").isGreaterThan(0.5);
        assertThat(strat).as("stratified analysis").isBetween(0.02, 0.08);
    }
}
