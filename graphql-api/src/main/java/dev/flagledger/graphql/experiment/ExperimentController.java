package dev.flagledger.graphql.experiment;

import dev.flagledger.graphql.error.NotReadableYet;
import dev.flagledger.domain.experiment.ConcludeExperiment;
import dev.flagledger.domain.experiment.CreateExperiment;
import dev.flagledger.domain.experiment.DefineMetric;
import dev.flagledger.domain.experiment.ExperimentKey;
import dev.flagledger.domain.experiment.MetricKey;
import dev.flagledger.domain.experiment.ReweightExperiment;
import dev.flagledger.domain.experiment.StartExperiment;
import dev.flagledger.domain.experiment.StopExperiment;
import dev.flagledger.domain.experiment.UpdateExperiment;
import dev.flagledger.domain.experiment.UpdateMetric;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.experiment.ExperimentInputs.ConcludeExperimentInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.CreateExperimentInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.DefineMetricInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.ExperimentPowerInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.ExperimentTransitionInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.ImportMetricValuesInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.ReweightExperimentInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.UpdateExperimentInput;
import dev.flagledger.graphql.experiment.ExperimentInputs.UpdateMetricInput;
import dev.flagledger.projections.experiment.CohortQueries;
import dev.flagledger.projections.experiment.ExperimentQueries;
import dev.flagledger.projections.segment.SegmentView;
import dev.flagledger.domain.segment.Behaviour;
import dev.flagledger.projections.experiment.ExperimentResults;
import dev.flagledger.projections.experiment.ExperimentResultsCalculator;
import dev.flagledger.projections.experiment.ExperimentView;
import dev.flagledger.projections.experiment.MetricValueImport;
import dev.flagledger.projections.experiment.MetricView;
import dev.flagledger.projections.experiment.ResultSnapshots;
import dev.flagledger.projections.experiment.WeightPeriod;
import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.power.Baseline;
import dev.flagledger.stats.power.PowerCalculator;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Metrics and experiments: queries over their read models and results, one mutation per command. */
@Controller
public class ExperimentController {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final ExperimentQueries queries;
    private final ExperimentResultsCalculator results;
    private final ResultSnapshots snapshots;
    private final MetricValueImport imports;
    private final ChangeSender changes;
    private final CohortQueries cohorts;

    public ExperimentController(ExperimentQueries queries, ExperimentResultsCalculator results,
                                ResultSnapshots snapshots, MetricValueImport imports, ChangeSender changes,
                                CohortQueries cohorts) {
        this.cohorts = cohorts;
        this.queries = queries;
        this.results = results;
        this.snapshots = snapshots;
        this.imports = imports;
        this.changes = changes;
    }

    // --- metrics

    @QueryMapping
    public List<MetricView> metrics(@Argument String projectKey) {
        return queries.metrics(projectKey);
    }

    @QueryMapping
    public Optional<MetricView> metric(@Argument String projectKey, @Argument String key) {
        return queries.metric(projectKey, key);
    }

    @MutationMapping
    public Map<String, Object> defineMetric(@Argument DefineMetricInput input, Authentication actor, GraphQLContext context) {
        String id = UUID.randomUUID().toString();
        changes.send(new DefineMetric(id, new ProjectKey(input.projectKey()), new MetricKey(input.key()),
                input.definition()), input.reason(), actor, context);
        return Map.of("metric", awaitMetric(id, 0));
    }

    @MutationMapping
    public Map<String, Object> updateMetric(@Argument UpdateMetricInput input, Authentication actor, GraphQLContext context) {
        MetricView metric = queries.metric(input.projectKey(), input.key())
                .orElseThrow(() -> new NotFound("no metric " + input.key() + " in project " + input.projectKey()));
        long version = changes.send(new UpdateMetric(metric.id(), input.definition(), input.expectedVersion()),
                input.reason(), actor, context);
        return Map.of("metric", awaitMetric(metric.id(), version));
    }

    @SchemaMapping(typeName = "Metric")
    public Object name(MetricView metric) {
        return metric.definition().name();
    }

    @SchemaMapping(typeName = "Metric")
    public Object description(MetricView metric) {
        return metric.definition().description();
    }

    @SchemaMapping(typeName = "Metric")
    public Object kind(MetricView metric) {
        return metric.definition().kind();
    }

    @SchemaMapping(typeName = "Metric")
    public Object source(MetricView metric) {
        return metric.definition().source();
    }

    @SchemaMapping(typeName = "Metric")
    public Object eventName(MetricView metric) {
        return metric.definition().eventName();
    }

    @SchemaMapping(typeName = "Metric")
    public Object denominatorEvent(MetricView metric) {
        return metric.definition().denominatorEvent();
    }

    @SchemaMapping(typeName = "Metric")
    public Object windowHours(MetricView metric) {
        return metric.definition().windowHours();
    }

    @SchemaMapping(typeName = "Metric")
    public Object direction(MetricView metric) {
        return metric.definition().direction();
    }

    @SchemaMapping(typeName = "Metric")
    public Object capPercentile(MetricView metric) {
        return metric.definition().capPercentile();
    }

    // --- experiments

    @QueryMapping
    public List<ExperimentView> experiments(@Argument String projectKey) {
        return queries.experiments(projectKey);
    }

    @QueryMapping
    public Optional<ExperimentView> experiment(@Argument String projectKey, @Argument String key) {
        return queries.experiment(projectKey, key);
    }

    @QueryMapping
    public ExperimentResults experimentResults(@Argument String projectKey, @Argument String key) {
        return results.results(projectKey, key);
    }

    @QueryMapping
    public List<ExperimentResults> experimentResultHistory(@Argument String projectKey, @Argument String key,
                                                           @Argument Integer last) {
        ExperimentView experiment = existing(projectKey, key);
        int count = last == null ? 200 : last;
        if (count < 1 || count > 1000) throw new InvalidInput("last must be 1..1000");
        return snapshots.history(experiment.id(), count);
    }

    @QueryMapping
    public Map<String, Object> experimentPower(@Argument ExperimentPowerInput input) {
        double alpha = input.alpha() == null ? 0.05 : input.alpha();
        double power = input.power() == null ? 0.8 : input.power();
        int arms = input.arms() == null ? 2 : input.arms();
        if (arms < 2 || arms > 20) throw new InvalidInput("arms must be 2..20");
        Baseline baseline;
        try {
            if (input.baselineRate() != null) baseline = Baseline.conversion(input.baselineRate());
            else if (input.baselineMean() != null && input.baselineStandardDeviation() != null)
                baseline = Baseline.mean(input.baselineMean(), input.baselineStandardDeviation()
                        * input.baselineStandardDeviation());
            else throw new InvalidInput("give baselineRate, or baselineMean and baselineStandardDeviation");
            PowerCalculator calculator = new PowerCalculator(alpha);
            Map<String, Object> answer = new HashMap<>();
            if (input.relativeEffect() != null) {
                long perArm = calculator.sampleSizePerArm(baseline, input.relativeEffect(), power);
                answer.put("sampleSizePerArm", (double) perArm);
                answer.put("totalSampleSize", (double) perArm * arms);
            }
            if (input.unitsPerArm() != null)
                answer.put("minimumDetectableEffect", calculator.minimumDetectableEffect(baseline, input.unitsPerArm(),
                        input.unitsPerArm(), power));
            return answer;
        } catch (InvalidStatsInput invalid) {
            throw new InvalidInput(invalid.getMessage());
        }
    }

    @MutationMapping
    public Map<String, Object> createExperiment(@Argument CreateExperimentInput input, Authentication actor,
                                                GraphQLContext context) {
        if (input.definition() == null) throw new InvalidInput("definition is required");
        String id = UUID.randomUUID().toString();
        changes.send(new CreateExperiment(id, new ProjectKey(input.projectKey()), new ExperimentKey(input.key()),
                input.definition().definition()), input.reason(), actor, context);
        return changed(id, 0);
    }

    @MutationMapping
    public Map<String, Object> updateExperiment(@Argument UpdateExperimentInput input, Authentication actor,
                                                GraphQLContext context) {
        ExperimentView experiment = existing(input.projectKey(), input.key());
        if (input.definition() == null) throw new InvalidInput("definition is required");
        return changed(experiment.id(), changes.send(new UpdateExperiment(experiment.id(),
                input.definition().definition(), input.expectedVersion()), input.reason(), actor, context));
    }

    @MutationMapping
    public Map<String, Object> startExperiment(@Argument ExperimentTransitionInput input, Authentication actor,
                                               GraphQLContext context) {
        ExperimentView experiment = inEnvironment(input.projectKey(), input.key(), input.environment());
        return changed(experiment.id(), changes.send(new StartExperiment(experiment.id(), input.expectedVersion()),
                input.reason(), actor, context));
    }

    @MutationMapping
    public Map<String, Object> reweightExperiment(@Argument ReweightExperimentInput input, Authentication actor,
                                                  GraphQLContext context) {
        ExperimentView experiment = inEnvironment(input.projectKey(), input.key(), input.environment());
        return changed(experiment.id(), changes.send(new ReweightExperiment(experiment.id(), input.arms(), null,
                input.expectedVersion()), input.reason(), actor, context));
    }

    @MutationMapping
    public Map<String, Object> stopExperiment(@Argument ExperimentTransitionInput input, Authentication actor,
                                              GraphQLContext context) {
        ExperimentView experiment = inEnvironment(input.projectKey(), input.key(), input.environment());
        return changed(experiment.id(), changes.send(new StopExperiment(experiment.id(), input.expectedVersion()),
                input.reason(), actor, context));
    }

    @MutationMapping
    public Map<String, Object> concludeExperiment(@Argument ConcludeExperimentInput input, Authentication actor,
                                                  GraphQLContext context) {
        ExperimentView experiment = inEnvironment(input.projectKey(), input.key(), input.environment());
        return changed(experiment.id(), changes.send(new ConcludeExperiment(experiment.id(), input.shippedArm(),
                input.decision(), input.expectedVersion()), input.reason(), actor, context));
    }

    @MutationMapping
    public MetricValueImport.Outcome importMetricValues(@Argument ImportMetricValuesInput input) {
        ExperimentView experiment = inEnvironment(input.projectKey(), input.experimentKey(), input.environment());
        return imports.importCsv(experiment, input.metricKey(), input.csv());
    }

    @SchemaMapping(typeName = "Experiment")
    public Object name(ExperimentView experiment) {
        return experiment.definition().name();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object hypothesis(ExperimentView experiment) {
        return experiment.definition().hypothesis();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object flagKey(ExperimentView experiment) {
        return experiment.definition().flagKey();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object environment(ExperimentView experiment) {
        return experiment.definition().environment();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object arms(ExperimentView experiment) {
        return experiment.definition().arms();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object randomisationUnit(ExperimentView experiment) {
        return experiment.definition().randomisationUnit();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object audience(ExperimentView experiment) {
        return experiment.definition().audience();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object primaryMetric(ExperimentView experiment) {
        return experiment.definition().primaryMetric();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object guardrailMetrics(ExperimentView experiment) {
        return experiment.definition().guardrailMetrics();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object plannedSampleSize(ExperimentView experiment) {
        return experiment.definition().plannedSampleSize();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object plannedDurationDays(ExperimentView experiment) {
        return experiment.definition().plannedDurationDays();
    }

    @SchemaMapping(typeName = "Experiment")
    public Object bandit(ExperimentView experiment) {
        return experiment.definition().bandit();
    }

    @SchemaMapping(typeName = "Experiment")
    public List<WeightPeriod> weightHistory(ExperimentView experiment) {
        return queries.periods(experiment.id());
    }

    /** A segment's behaviour, when it is a behavioural cohort. */
    @SchemaMapping(typeName = "Segment", field = "behaviour")
    public Optional<Behaviour> behaviour(SegmentView segment) {
        return cohorts.behaviour(segment.id());
    }

    private ExperimentView existing(String projectKey, String key) {
        return queries.experiment(projectKey, key)
                .orElseThrow(() -> new NotFound("no experiment " + key + " in project " + projectKey));
    }

    /** The permission was checked for the input's environment; it must be the experiment's. */
    private ExperimentView inEnvironment(String projectKey, String key, String environment) {
        ExperimentView experiment = existing(projectKey, key);
        if (!experiment.definition().environment().equals(environment))
            throw new InvalidInput("experiment " + key + " runs in environment " + experiment.definition().environment());
        return experiment;
    }

    private MetricView awaitMetric(String id, long version) {
        return queries.awaitMetric(id, version, READ_YOUR_WRITE).or(() -> queries.metricById(id))
                .orElseThrow(() -> new NotReadableYet("metric " + id));
    }

    private Map<String, Object> changed(String id, long version) {
        return Map.of("experiment", queries.awaitExperiment(id, version, READ_YOUR_WRITE)
                .or(() -> queries.experimentById(id))
                .orElseThrow(() -> new NotReadableYet("experiment " + id)));
    }
}
