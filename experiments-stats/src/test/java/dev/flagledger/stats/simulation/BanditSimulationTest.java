package dev.flagledger.stats.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagledger.stats.bandit.BanditArm;
import dev.flagledger.stats.bandit.BanditConfig;
import dev.flagledger.stats.bandit.BanditDecision;
import dev.flagledger.stats.bandit.ThompsonSampler;
import dev.flagledger.stats.metric.Direction;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Acceptance 3 (simulation part): Thompson sampling finds the best of three converting arms. */
class BanditSimulationTest {
    private static final double[] RATES = {0.04, 0.05, 0.06};
    private static final String[] KEYS = {"a", "b", "c"};

    @Test
    void a_bandit_over_arms_converting_at_4_5_and_6_percent_sends_most_traffic_to_the_best_arm_after_burn_in() {
        BanditConfig config = new BanditConfig(1500, 0.05, 10_000, Direction.HIGHER_IS_BETTER);
        Simulated sim = new Simulated(21);
        long[] units = new long[3], conversions = new long[3], trafficAfterBurnIn = new long[3];
        double[] weights = {1 / 3.0, 1 / 3.0, 1 / 3.0};
        List<BanditDecision> decisions = new ArrayList<>();
        boolean burnedIn = false;
        for (int period = 0; period < 40; period++) {
            long[] assigned = multinomial(sim, 3000, weights);
            for (int i = 0; i < 3; i++) {
                units[i] += assigned[i];
                conversions[i] += sim.conversions((int) assigned[i], RATES[i]);
                if (burnedIn) trafficAfterBurnIn[i] += assigned[i];
            }
            List<BanditArm> arms = new ArrayList<>();
            for (int i = 0; i < 3; i++) arms.add(new BanditArm.Conversions(KEYS[i], units[i], conversions[i]));
            BanditDecision decision = ThompsonSampler.reweight(config, arms, 1000L + period);
            decisions.add(decision);
            burnedIn = decision.phase() == BanditDecision.Phase.THOMPSON_SAMPLING;
            weights = decision.weights();
        }

        assertThat(decisions.get(0).phase()).as("first re-weighting is still burn-in").isEqualTo(BanditDecision.Phase.BURN_IN);
        assertThat(decisions.get(0).weights()).containsOnly(1 / 3.0);
        long after = trafficAfterBurnIn[0] + trafficAfterBurnIn[1] + trafficAfterBurnIn[2];
        double bestShare = trafficAfterBurnIn[2] / (double) after;
        System.out.printf("bandit: units %s, traffic after burn-in %s, best-arm share %.3f, final weights %s%n",
                java.util.Arrays.toString(units), java.util.Arrays.toString(trafficAfterBurnIn), bestShare,
                java.util.Arrays.toString(weights));
        assertThat(bestShare).as("share of post-burn-in traffic on the 6 % arm").isGreaterThan(0.5);
        assertThat(weights[2]).as("final weight of the 6 % arm").isGreaterThan(0.5).isGreaterThan(weights[1]).isGreaterThan(weights[0]);
        for (BanditDecision d : decisions) {
            assertThat(java.util.Arrays.stream(d.weights()).min().orElseThrow()).isGreaterThanOrEqualTo(0.05 - 1e-12);
            assertThat(java.util.Arrays.stream(d.weights()).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(d.reason()).isNotBlank();
        }
    }

    /** Units per arm for one period: sequential binomial splitting of a multinomial draw. */
    private static long[] multinomial(Simulated sim, int total, double[] weights) {
        long[] out = new long[weights.length];
        int left = total;
        double mass = 1;
        for (int i = 0; i < weights.length - 1; i++) {
            double p = Math.min(1, Math.max(0, weights[i] / mass));
            out[i] = left == 0 || p == 0 ? 0 : p == 1 ? left : sim.random().nextDeviate(new BinomialDistribution(left, p));
            left -= out[i];
            mass -= weights[i];
        }
        out[weights.length - 1] = left;
        return out;
    }
}
