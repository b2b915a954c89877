package dev.flagledger.stats.metric;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Arm estimates when traffic weights changed during the experiment (a bandit, a ramp-up). Pooling all
 * units would compare arms that were exposed in different periods in different proportions, and any drift
 * of the metric over time would show up as an effect (Simpson's paradox). Instead each arm's mean is the
 * average of its per-period means weighted by the period's share of all units, w_p = N_p / N, the same
 * weights for every arm: m_j = sum_p w_p m_jp, Var(m_j) = sum_p w_p^2 s_jp^2 / n_jp. The pipeline keeps
 * one aggregate per arm per weight period (between two re-weightings).
 */
public final class Stratified {
    private Stratified() {}

    /** {@code periods.get(p).get(j)}: arm j's aggregate in period p (arm order as everywhere, control first). */
    public static List<ArmEstimate> combine(List<List<Moments>> periods) {
        if (periods.isEmpty()) throw new InvalidStatsInput("at least one period is required");
        int arms = periods.get(0).size();
        long total = 0;
        for (List<Moments> period : periods) {
            if (period.size() != arms) throw new InvalidStatsInput("every period needs one aggregate per arm");
            for (Moments m : period) total += m.n();
        }
        if (total == 0) throw new InsufficientData("no units in any period");
        List<ArmEstimate> out = new ArrayList<>(arms);
        for (int j = 0; j < arms; j++) {
            double mean = 0, variance = 0;
            long n = 0;
            for (List<Moments> period : periods) {
                long periodUnits = period.stream().mapToLong(Moments::n).sum();
                if (periodUnits == 0) continue;
                Moments m = period.get(j);
                if (m.n() < 2) throw new InsufficientData("arm " + j + " has fewer than two units in a period; merge periods");
                double w = (double) periodUnits / total;
                mean += w * m.mean();
                variance += w * w * m.variance() / m.n();
                n += m.n();
            }
            out.add(new ArmEstimate(n, mean, variance));
        }
        return out;
    }
}
