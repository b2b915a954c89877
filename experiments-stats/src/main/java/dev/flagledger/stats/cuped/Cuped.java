package dev.flagledger.stats.cuped;

import dev.flagledger.stats.InsufficientData;
import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.PairedMoments;
import java.util.ArrayList;
import java.util.List;

/**
 * CUPED (Deng, Xu, Kohavi, Walker 2013): each unit's metric y is adjusted with its pre-exposure value x,
 * y' = y - theta (x - mean_x), with theta = cov(y, x) / var(x) pooled over all arms so every arm gets the
 * same adjustment (randomisation makes x independent of the arm, so the effect stays unbiased). From
 * aggregates: mean'_j = mean_y,j - theta (mean_x,j - mean_x) and
 * Var(mean'_j) = (s_y,j^2 - 2 theta s_xy,j + theta^2 s_x,j^2) / n_j.
 * Input: {@link PairedMoments} per arm with x = the metric and y = the pre-exposure value.
 */
public final class Cuped {
    private Cuped() {}

    public static CupedAdjustment adjust(List<PairedMoments> arms) {
        if (arms.size() < 2) throw new InvalidStatsInput("CUPED needs at least two arms");
        PairedMoments pooled = PairedMoments.EMPTY;
        for (PairedMoments arm : arms) pooled = pooled.plus(arm);
        // Roles swap here on purpose: PairedMoments.x is the metric, y the covariate.
        double varPre = pooled.y().variance();
        if (varPre == 0) throw new InsufficientData("the pre-exposure value does not vary; CUPED cannot help");
        double covariance = pooled.covariance();
        double theta = covariance / varPre;
        double varMetric = pooled.x().variance();
        double reduction = varMetric == 0 ? 0 : covariance * covariance / (varPre * varMetric);
        double preMean = pooled.sumY() / pooled.n();

        List<ArmEstimate> adjusted = new ArrayList<>(arms.size());
        for (PairedMoments arm : arms) {
            if (arm.n() < 2) throw new InsufficientData("each arm needs at least two units");
            double mean = arm.sumX() / arm.n() - theta * (arm.sumY() / arm.n() - preMean);
            double unitVar = arm.x().variance() - 2 * theta * arm.covariance() + theta * theta * arm.y().variance();
            adjusted.add(new ArmEstimate(arm.n(), mean, Math.max(0, unitVar) / arm.n()));
        }
        return new CupedAdjustment(theta, adjusted, reduction);
    }
}
