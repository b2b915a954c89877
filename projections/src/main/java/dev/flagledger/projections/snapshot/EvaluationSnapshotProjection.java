package dev.flagledger.projections.snapshot;

import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagCreated;
import dev.flagledger.domain.flag.FlagDefaultVariationChanged;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.FlagEvent;
import dev.flagledger.domain.flag.FlagOffVariationChanged;
import dev.flagledger.domain.flag.FlagRestored;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.flag.FlagVariationsChanged;
import dev.flagledger.domain.project.EnvironmentAdded;
import dev.flagledger.domain.privacy.DataSubjectErased;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.domain.segment.SegmentArchived;
import dev.flagledger.domain.segment.SegmentCreated;
import dev.flagledger.domain.segment.SegmentUpdated;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.privacy.subject.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds flag, segment and project events into per-environment evaluation snapshots (CONVENTIONS §1).
 * Its own tracking processor with an in-memory token: the snapshot lives in memory only, so every
 * start replays the store from the beginning and rebuilds it.
 */
@Component
@ProcessingGroup(EvaluationSnapshotProjection.PROCESSING_GROUP)
public class EvaluationSnapshotProjection {
    public static final String PROCESSING_GROUP = "evaluation-snapshot";

    private final EvaluationSnapshots snapshots;
    private final PersonalData personal;
    private final Map<String, ProjectModel> projects = new HashMap<>();

    public EvaluationSnapshotProjection(EvaluationSnapshots snapshots, PersonalData personal) {
        this.snapshots = snapshots;
        this.personal = personal;
    }

    @EventHandler
    void on(ProjectCreated event, TrackingToken token) {
        ProjectModel project = projects.computeIfAbsent(event.projectKey(), ProjectModel::new);
        event.environments().forEach(environment -> project.environments.add(environment.key()));
        project.environments.forEach(environment -> publish(project, environment, position(token), List.of()));
    }

    @EventHandler
    void on(EnvironmentAdded event, TrackingToken token) {
        ProjectModel project = project(event.projectKey());
        if (project.environments.add(event.environment().key()))
            publish(project, event.environment().key(), position(token), List.of());
    }

    @EventHandler
    void on(FlagCreated event, @SequenceNumber long version, TrackingToken token) {
        ProjectModel project = project(event.projectKey());
        ProjectModel.FlagModel flag = new ProjectModel.FlagModel(event.flagKey(), event.valueType(),
                event.variations(), event.defaultVariation(), event.offVariation());
        event.environments().forEach(config -> flag.environments.put(config.environment(), config));
        flag.version = version;
        project.flags.put(flag.key, flag);
        flagChanged(project, flag, null, token);
    }

    @EventHandler
    void on(FlagVariationsChanged event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, null, flag -> flag.variations = event.variations());
    }

    @EventHandler
    void on(FlagToggled event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, event.environment(), flag -> {
            FlagEnvironment old = flag.in(event.environment());
            flag.environments.put(event.environment(), new FlagEnvironment(event.environment(), event.enabled(),
                    old.defaultVariation(), old.offVariation()));
        });
    }

    @EventHandler
    void on(FlagDefaultVariationChanged event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, event.environment(), flag -> {
            FlagEnvironment old = flag.in(event.environment());
            flag.environments.put(event.environment(), new FlagEnvironment(event.environment(), old.enabled(),
                    event.variation(), old.offVariation()));
        });
    }

    @EventHandler
    void on(FlagOffVariationChanged event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, event.environment(), flag -> {
            FlagEnvironment old = flag.in(event.environment());
            flag.environments.put(event.environment(), new FlagEnvironment(event.environment(), old.enabled(),
                    old.defaultVariation(), event.variation()));
        });
    }

    @EventHandler
    void on(FlagTargetingChanged event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, event.environment(),
                flag -> flag.targeting.put(event.environment(), event.targeting()));
    }

    @EventHandler
    void on(FlagArchived event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, null, flag -> flag.archived = true);
    }

    @EventHandler
    void on(FlagRestored event, @SequenceNumber long version, TrackingToken token) {
        changeFlag(event, version, token, null, flag -> flag.archived = false);
    }

    @EventHandler
    void on(SegmentCreated event, @SequenceNumber long version, TrackingToken token) {
        segmentChanged(event.projectKey(), new ProjectModel.SegmentModel(event.segmentKey(), event.definition(),
                false, version), token);
    }

    @EventHandler
    void on(SegmentUpdated event, @SequenceNumber long version, TrackingToken token) {
        segmentChanged(event.projectKey(), new ProjectModel.SegmentModel(event.segmentKey(), event.definition(),
                false, version), token);
    }

    @EventHandler
    void on(SegmentArchived event, @SequenceNumber long version, TrackingToken token) {
        ProjectModel.SegmentModel old = project(event.projectKey()).segments.get(event.segmentKey());
        if (old != null)
            segmentChanged(event.projectKey(), new ProjectModel.SegmentModel(old.key(), old.definition(), true,
                    version), token);
    }

    /**
     * A data subject was erased (on this server or another): forget their key and compile every
     * environment again, so no snapshot (nor any SDK that downloads one) still holds their keys.
     */
    @EventHandler
    void on(DataSubjectErased event, TrackingToken token) {
        personal.vault().forget(event.keyId());
        projects.values().forEach(ProjectModel::forgetBuilt);
        republishEverything(position(token));
    }

    /**
     * Takes over the model of a projection rebuilt from the store while this one's processor is stopped (after
     * the embedded store lost events this one had applied: server's InMemoryReadModels). Every environment is
     * published again at {@code position}, the stopped processor's, with all its flags and segments, so
     * evaluation and streams come to hold what the store holds without ever answering from an empty snapshot.
     */
    public void adopt(EvaluationSnapshotProjection rebuilt, long position) {
        projects.clear();
        projects.putAll(rebuilt.projects);
        republishEverything(position);
    }

    private void republishEverything(long position) {
        for (ProjectModel project : projects.values()) {
            for (String environment : List.copyOf(project.environments)) {
                List<ConfigChange> changes = new ArrayList<>();
                project.flags.values().forEach(flag -> changes.add(new ConfigChange(project.projectKey, environment,
                        position, ConfigChange.Kind.FLAG, flag.key, flag.config(environment, personal).tree())));
                project.segments.values().forEach(segment -> changes.add(new ConfigChange(project.projectKey,
                        environment, position, ConfigChange.Kind.SEGMENT, segment.key(),
                        project.segmentConfig(segment, personal).tree())));
                publish(project, environment, position, changes);
            }
        }
    }

    @ResetHandler
    void reset() {
        projects.clear();
        snapshots.clear();
    }

    /** A flag-wide event (environment null) changes the flag in every environment of its project. */
    private void changeFlag(FlagEvent event, long version, TrackingToken token, String environment,
                            Consumer<ProjectModel.FlagModel> change) {
        ProjectModel project = project(event.projectKey());
        ProjectModel.FlagModel flag = project.flags.get(event.flagKey());
        if (flag == null) return;
        change.accept(flag);
        flag.changed(version);
        flagChanged(project, flag, environment, token);
    }

    private void flagChanged(ProjectModel project, ProjectModel.FlagModel flag, String onlyEnvironment,
                             TrackingToken token) {
        long position = position(token);
        for (String environment : environmentsOf(project, onlyEnvironment)) {
            publish(project, environment, position, List.of(new ConfigChange(project.projectKey, environment,
                    position, ConfigChange.Kind.FLAG, flag.key, flag.config(environment, personal).tree())));
        }
    }

    private void segmentChanged(String projectKey, ProjectModel.SegmentModel segment, TrackingToken token) {
        ProjectModel project = project(projectKey);
        project.putSegment(segment);
        long position = position(token);
        Map<String, Object> tree = project.segmentConfig(segment, personal).tree();
        for (String environment : project.environments)
            publish(project, environment, position, List.of(new ConfigChange(projectKey, environment, position,
                    ConfigChange.Kind.SEGMENT, segment.key(), tree)));
    }

    private static List<String> environmentsOf(ProjectModel project, String only) {
        return only == null ? new ArrayList<>(project.environments) : List.of(only);
    }

    /** Compiles the whole environment anew: snapshots are immutable, so a change is a new one. */
    private void publish(ProjectModel project, String environment, long position, List<ConfigChange> changes) {
        project.environments.add(environment);
        ProjectModel.Definitions definitions = project.definitions(environment, personal);
        // Unchanged flags and segments are the instances compiled last time: only the change compiles.
        EvaluationConfig previous = snapshots.current(project.projectKey, environment)
                .map(EnvironmentSnapshot::config).orElse(null);
        EvaluationConfig config = EvaluationConfig.compile(new EnvironmentDefinition(definitions.flags(),
                definitions.segments(), definitions.invalidFlags(), definitions.invalidSegments()), previous);
        snapshots.publish(new EnvironmentSnapshot(project.projectKey, environment, position, config,
                definitions.tree()), changes);
    }

    private ProjectModel project(String projectKey) {
        return projects.computeIfAbsent(projectKey, ProjectModel::new);
    }

    /** The store's global position of this event: the SSE id clients resume from. */
    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
