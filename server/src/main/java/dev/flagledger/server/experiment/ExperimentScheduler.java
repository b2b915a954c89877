package dev.flagledger.server.experiment;

import dev.flagledger.domain.shared.DomainRejection;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.experiment.ExperimentResults;
import dev.flagledger.projections.experiment.ExperimentResultsCalculator;
import dev.flagledger.projections.experiment.ExperimentView;
import dev.flagledger.projections.experiment.WeightPeriod;
import dev.flagledger.projections.experiment.ResultSnapshots;
import dev.flagledger.server.experiment.export.ExperimentConnectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The experiments' clock: every tick, for each running experiment, a bandit step when its interval has
 * passed since its last weight period, and a results snapshot (for intervals over time) when the
 * snapshot interval has passed since the last one. Several instances may both step a bandit: each
 * sends a command decided against the same period, and an unchanged decision records nothing.
 */
@Component
public class ExperimentScheduler {
    private static final Logger log = LoggerFactory.getLogger(ExperimentScheduler.class);
    private final ExperimentQueries queries;
    private final BanditReweighter bandit;
    private final ExperimentResultsCalculator results;
    private final ResultSnapshots snapshots;
    private final ExperimentConnectors connectors;
    private final Clock clock;
    private final Duration tick;
    private final Duration snapshotInterval;
    private final CohortRefresher cohorts;
    private final Duration cohortInterval;
    private Instant lastCohortRefresh;
    private ScheduledExecutorService timer;

    public ExperimentScheduler(ExperimentQueries queries, BanditReweighter bandit, ExperimentResultsCalculator results,
                               ResultSnapshots snapshots, ExperimentConnectors connectors, CohortRefresher cohorts,
                               Clock clock, @Value("${flagledger.experiments.cohort-refresh:PT15M}") Duration cohortInterval,
                               @Value("${flagledger.experiments.tick:PT1M}") Duration tick,
                               @Value("${flagledger.experiments.snapshot-interval:PT1H}") Duration snapshotInterval) {
        this.queries = queries;
        this.bandit = bandit;
        this.results = results;
        this.snapshots = snapshots;
        this.connectors = connectors;
        this.cohorts = cohorts;
        this.cohortInterval = cohortInterval;
        this.clock = clock;
        this.tick = tick;
        this.snapshotInterval = snapshotInterval;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (timer != null || tick.isZero()) return;
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "experiment-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    public synchronized void stop() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }

    /** One pass over the running experiments (and the cohorts when due); public so tests drive it without waiting. */
    public void tick() {
        Instant now = clock.instant();
        if (lastCohortRefresh == null || !now.isBefore(lastCohortRefresh.plus(cohortInterval))) {
            lastCohortRefresh = now;
            cohorts.refreshAll();
        }
        for (ExperimentView experiment : queries.running()) {
            try {
                if (banditDue(experiment, now)) bandit.step(experiment);
                if (snapshotDue(experiment, now)) snapshot(experiment);
            } catch (DomainRejection | dev.flagledger.stats.InvalidStatsInput skipped) {
                log.info("experiment {}: {}", experiment.key(), skipped.getMessage());
            } catch (RuntimeException failure) {
                log.warn("experiment {} could not be stepped; retrying at the next tick", experiment.key(), failure);
            }
        }
    }

    private boolean banditDue(ExperimentView experiment, Instant now) {
        if (experiment.definition().bandit() == null) return false;
        List<WeightPeriod> periods = queries.periods(experiment.id());
        Instant since = periods.isEmpty() ? experiment.startedAt() : periods.get(periods.size() - 1).startsAt();
        return !now.isBefore(since.plus(Duration.ofMinutes(experiment.definition().bandit().intervalMinutes())));
    }

    private boolean snapshotDue(ExperimentView experiment, Instant now) {
        return snapshots.latest(experiment.id()).map(last -> !now.isBefore(last.plus(snapshotInterval))).orElse(true);
    }

    /** Stores the results as they are now (the history behind "confidence intervals over time"). */
    public ExperimentResults snapshot(ExperimentView experiment) {
        ExperimentResults now = results.results(experiment);
        snapshots.store(experiment.id(), now);
        connectors.publish(experiment, now);
        return now;
    }
}
