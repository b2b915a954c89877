package dev.flagledger.server.experiment;

import dev.flagledger.domain.experiment.Arm;
import dev.flagledger.domain.experiment.BanditSettings;
import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.MetricDirection;
import dev.flagledger.domain.experiment.MetricKind;
import dev.flagledger.domain.experiment.ReweightExperiment;
import dev.flagledger.domain.experiment.ReweightStatistics;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.experiment.ExperimentView;
import dev.flagledger.stats.bandit.BanditArm;
import dev.flagledger.stats.bandit.BanditConfig;
import dev.flagledger.stats.bandit.BanditDecision;
import dev.flagledger.stats.bandit.ThompsonSampler;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Moments;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bandit step for one running experiment: Thompson sampling on the primary metric's per-arm
 * aggregates (experiments-stats), then a {@link ReweightExperiment} command whose event carries the
 * decision's statistics and, as its reason, the decision's one-line summary. During burn-in nothing is
 * sent (the weights stay as started). The seed is derived from the experiment and period, so a decision
 * can be replayed from its event.
 */
@Component
public class BanditReweighter {
    static final int DRAWS = 10_000;
    static final MetaData BANDIT = MetaData.with(ChangeMetadata.ACTOR_SUBJECT, "system:bandit")
            .and(ChangeMetadata.ACTOR_NAME, "Bandit")
            .and(ChangeMetadata.ACTOR_AUTHENTICATION, "system")
            .and(ChangeMetadata.ORIGIN, ChangeMetadata.ORIGIN_SCHEDULER);
    private final JdbcTemplate jdbc;
    private final ExperimentQueries queries;
    private final CommandGateway commands;

    public BanditReweighter(JdbcTemplate jdbc, ExperimentQueries queries, CommandGateway commands) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.commands = commands;
    }

    /** The decision taken (and sent, unless burn-in), or empty when the experiment is no bandit. */
    public Optional<BanditDecision> step(ExperimentView experiment) {
        BanditSettings settings = experiment.definition().bandit();
        if (settings == null || experiment.serving() == null) return Optional.empty();
        String metricKey = experiment.definition().primaryMetric();
        MetricDefinition metric = queries.metric(experiment.projectKey(), metricKey).map(m -> m.definition())
                .orElse(null);
        if (metric == null) return Optional.empty();
        List<String> arms = experiment.definition().arms().stream().map(Arm::variation).toList();
        List<BanditArm> data = new ArrayList<>();
        for (String arm : arms) {
            long units = count("select count(*) from experiment_unit where experiment_id = ? and arm = ?",
                    experiment.id(), arm);
            double[] sums = jdbc.query("select coalesce(sum(metric_value), 0), coalesce(sum(metric_value * metric_value), 0)"
                    + " from experiment_unit_metric where experiment_id = ? and metric_key = ? and arm = ?",
                    rs -> rs.next() ? new double[] {rs.getDouble(1), rs.getDouble(2)} : new double[2],
                    experiment.id(), metricKey, arm);
            data.add(metric.kind() == MetricKind.CONVERSION
                    ? new BanditArm.Conversions(arm, units, Math.round(sums[0]))
                    : new BanditArm.Numeric(arm, new Moments(units, sums[0], sums[1])));
        }
        Direction direction = metric.direction() == MetricDirection.LOWER_IS_BETTER
                ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER;
        long seed = experiment.key().hashCode() * 1_000_003L + experiment.currentPeriod() + 1;
        BanditDecision decision = ThompsonSampler.reweight(new BanditConfig(settings.burnInUnitsPerArm(),
                settings.minimumShare(), DRAWS, direction), data, seed);
        if (decision.phase() == BanditDecision.Phase.BURN_IN) return Optional.of(decision);
        List<Arm> weights = toArms(arms, decision.weights());
        List<ReweightStatistics.ArmStatistics> statistics = decision.arms().stream()
                .map(arm -> new ReweightStatistics.ArmStatistics(arm.key(), arm.units(), arm.posteriorMean(),
                        arm.posteriorSd(), arm.probabilityBest(), arm.weight())).toList();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ReweightExperiment(experiment.id(), weights,
                        new ReweightStatistics(decision.phase().name(), metricKey, decision.seed(), decision.draws(),
                                decision.reason(), statistics), null))
                .andMetaData(BANDIT.and(ChangeMetadata.REASON, "bandit: " + decision.reason())));
        return Optional.of(decision);
    }

    /** Shares to thousandths of a percent summing to exactly 100 000 (largest remainder). */
    static List<Arm> toArms(List<String> arms, double[] shares) {
        int[] weights = new int[shares.length];
        double[] remainders = new double[shares.length];
        int total = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = shares[i] * Rollout.TOTAL_WEIGHT;
            weights[i] = (int) Math.floor(exact);
            remainders[i] = exact - weights[i];
            total += weights[i];
        }
        while (total < Rollout.TOTAL_WEIGHT) {
            int best = 0;
            for (int i = 1; i < shares.length; i++) if (remainders[i] > remainders[best]) best = i;
            weights[best]++;
            remainders[best] = -1;
            total++;
        }
        List<Arm> result = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) result.add(new Arm(arms.get(i), weights[i]));
        return result;
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
