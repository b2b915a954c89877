package dev.flagledger.domain.experiment;

import dev.flagledger.domain.flag.BucketLayout;
import dev.flagledger.domain.flag.FlagCatalog;
import dev.flagledger.domain.flag.FlagFacts;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.KeyRegistry;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Reason;
import dev.flagledger.domain.shared.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/**
 * An A/B/n experiment (or bandit) on one flag in one environment: its arms are the flag's variations.
 * Starting, re-weighting and stopping are recorded here with the rule they put on the flag; the
 * experiment-serving policy then applies that rule to the flag, so both streams, and the audit trail,
 * show who moved traffic and why. The experiment has its own salt, so its assignment is independent of
 * every other rollout of the flag.
 */
public class Experiment {
    @AggregateIdentifier
    private String experimentId;
    private String projectKey;
    private String experimentKey;
    private ExperimentDefinition definition;
    private ExperimentStatus status;
    private String flagId;
    private ExperimentServing serving;
    private int period;
    /** The change request whose approval started it (null: not started through one), and its approvers. */
    private String authorisedBy;
    private Object authorisedApprovers;

    protected Experiment() {
        // for Axon
    }

    @CommandHandler
    public Experiment(CreateExperiment command, ProjectCatalog projects, FlagCatalog flags, SegmentCatalog segments,
                      MetricCatalog metrics, KeyRegistry keys, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        ProjectFacts project = project(projects, command.projectKey().value());
        Reason.check(reason, false, "experiments");
        ExperimentCheck.Checked checked = ExperimentCheck.check(command.definition(), project, flags, segments, metrics);
        keys.claim("experiment:" + project.key(), command.experimentKey().value(), command.experimentId());
        record(new ExperimentCreated(command.experimentId(), project.key(), command.experimentKey().value(),
                checked.definition()));
    }

    @CommandHandler
    public long handle(UpdateExperiment command, ProjectCatalog projects, FlagCatalog flags, SegmentCatalog segments,
                       MetricCatalog metrics, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        require(ExperimentStatus.DRAFT, "changed (a running experiment changes only its weights)");
        Reason.check(reason, false, "experiments");
        ExperimentDefinition checked = ExperimentCheck.check(command.definition(), project(projects, projectKey), flags,
                segments, metrics).definition();
        if (!checked.equals(definition))
            record(new ExperimentUpdated(experimentId, projectKey, experimentKey, checked));
        return currentVersion();
    }

    @CommandHandler
    public long handle(StartExperiment command, ProjectCatalog projects, FlagCatalog flags, SegmentCatalog segments,
                       MetricCatalog metrics, Clock clock, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        require(ExperimentStatus.DRAFT, "started");
        ProjectFacts project = project(projects, projectKey);
        Reason.check(reason, project.environment(definition.environment()).requireReason(),
                "environment " + definition.environment());
        // The flag, segment or metrics may have changed since the draft was written.
        ExperimentCheck.Checked checked = ExperimentCheck.check(definition, project, flags, segments, metrics);
        ExperimentServing rule = new ExperimentServing("exp-" + experimentKey,
                checked.definition().audience().asClauses(), weights(checked.definition().arms()),
                checked.definition().randomisationUnit(), "exp." + experimentId);
        record(new ExperimentStarted(experimentId, projectKey, experimentKey, checked.flag().flagId(),
                checked.flag().flagKey(), definition.environment(), rule, clock.instant()));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ReweightExperiment command, ProjectCatalog projects, FlagCatalog flags, Clock clock,
                       @MetaDataValue(ChangeMetadata.REASON) String reason,
                       @MetaDataValue(ChangeMetadata.CHANGE_REQUEST_ID) String changeRequestId) {
        require(ExperimentStatus.RUNNING, "re-weighted");
        Reason.check(reason, project(projects, projectKey).environment(definition.environment()).requireReason(),
                "environment " + definition.environment());
        FlagFacts flag = flags.find(projectKey, definition.flagKey())
                .orElseThrow(() -> new NotFound("no flag " + definition.flagKey() + " in project " + projectKey));
        List<Arm> arms = ExperimentCheck.arms(command.arms() == null ? List.of() : command.arms(), flag);
        List<String> expected = definition.arms().stream().map(Arm::variation).toList();
        if (!arms.stream().map(Arm::variation).toList().equals(expected))
            throw new InvalidInput("re-weighting keeps the arms and their order: " + expected);
        boolean automatic = command.statistics() != null;
        if (automatic) withinBanditBounds(arms);
        List<Weight> wanted = weights(arms);
        if (sameWeights(wanted, serving.weights())) return currentVersion();
        // Sticky: every arm keeps its buckets but for what it must give up or take over (BucketLayout).
        List<Weight> next = BucketLayout.reweight(serving.weights(), wanted);
        // An automatic re-weighting runs under the approval that started the experiment (docs/approvals.md):
        // its event names that change request and its approvers. A re-weighting by hand names its own.
        String authorisation = automatic ? authorisedBy : changeRequestId;
        record(new ExperimentReweighted(experimentId, projectKey, experimentKey, flagId, definition.flagKey(),
                        definition.environment(), serving.withWeights(next), period + 1, clock.instant(),
                        command.statistics(), authorisation),
                automatic && authorisedBy != null
                        ? Map.of(ChangeMetadata.CHANGE_REQUEST_ID, authorisedBy, ChangeMetadata.APPROVED_BY,
                                authorisedApprovers == null ? List.of() : authorisedApprovers)
                        : Map.of());
        return currentVersion();
    }

    @CommandHandler
    public long handle(StopExperiment command, ProjectCatalog projects, Clock clock,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        require(ExperimentStatus.RUNNING, "stopped");
        Reason.check(reason, project(projects, projectKey).environment(definition.environment()).requireReason(),
                "environment " + definition.environment());
        record(new ExperimentStopped(experimentId, projectKey, experimentKey, flagId, definition.flagKey(),
                definition.environment(), serving.ruleId(), clock.instant()));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ConcludeExperiment command) {
        require(ExperimentStatus.STOPPED, "concluded (stop it first)");
        String decision = Text.required("decision", command.decision(), Text.DESCRIPTION_MAX);
        String shipped = command.shippedArm();
        if (shipped != null && definition.arms().stream().noneMatch(arm -> arm.variation().equals(shipped)))
            throw new InvalidInput("shipped arm " + Text.abbreviate(shipped) + " is not an arm of this experiment");
        record(new ExperimentConcluded(experimentId, projectKey, experimentKey, shipped, decision));
        return currentVersion();
    }

    /**
     * What an automatic (bandit) re-weighting may do without its own approval: only a bandit is
     * re-weighted with statistics, and never below the minimum share its configuration promised.
     */
    private void withinBanditBounds(List<Arm> arms) {
        BanditSettings bandit = definition.bandit();
        if (bandit == null)
            throw new InvalidInput("experiment " + experimentKey + " is not a bandit: only a bandit is re-weighted"
                    + " automatically (with statistics)");
        // The bandit rounds shares of at least the minimum to thousandths of a percent (largest remainder):
        // one thousandth of a percent below the floor is rounding, not a decision.
        int floor = (int) Math.floor(bandit.minimumShare() * Rollout.TOTAL_WEIGHT) - 1;
        for (Arm arm : arms)
            if (arm.weight() < floor)
                throw new InvalidInput("arm " + arm.variation() + " would get " + arm.weight() + ", below the bandit's"
                        + " minimum share of " + (floor + 1));
    }

    /** Facts the approval gate reads: which project and environment this experiment changes. */
    public String projectKey() {
        return projectKey;
    }

    public String experimentKey() {
        return experimentKey;
    }

    public String environment() {
        return definition.environment();
    }

    private static boolean sameWeights(List<Weight> a, List<Weight> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++)
            if (!a.get(i).variation().equals(b.get(i).variation()) || a.get(i).weight() != b.get(i).weight()) return false;
        return true;
    }

    private static List<Weight> weights(List<Arm> arms) {
        return arms.stream().map(arm -> new Weight(arm.variation(), arm.weight())).toList();
    }

    private void require(ExperimentStatus expected, String action) {
        if (status != expected)
            throw new InvalidInput("experiment " + experimentKey + " is " + status.name().toLowerCase()
                    + "; only a " + expected.name().toLowerCase() + " experiment can be " + action);
    }

    private static ProjectFacts project(ProjectCatalog projects, String projectKey) {
        return projects.find(projectKey).orElseThrow(() -> new NotFound("no project " + projectKey));
    }

    @EventSourcingHandler
    void on(ExperimentCreated event) {
        experimentId = event.experimentId();
        projectKey = event.projectKey();
        experimentKey = event.experimentKey();
        definition = event.definition();
        status = ExperimentStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(ExperimentUpdated event) {
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(ExperimentStarted event, MetaData metadata) {
        status = ExperimentStatus.RUNNING;
        Object request = metadata.get(ChangeMetadata.CHANGE_REQUEST_ID);
        authorisedBy = request == null ? null : request.toString();
        authorisedApprovers = metadata.get(ChangeMetadata.APPROVED_BY);
        flagId = event.flagId();
        serving = event.serving();
        period = 0;
    }

    @EventSourcingHandler
    void on(ExperimentReweighted event) {
        serving = event.serving();
        period = event.period();
    }

    @EventSourcingHandler
    void on(ExperimentStopped event) {
        status = ExperimentStatus.STOPPED;
    }

    @EventSourcingHandler
    void on(ExperimentConcluded event) {
        status = ExperimentStatus.CONCLUDED;
    }
}
