package dev.flagledger.server.approval;

import dev.flagledger.domain.experiment.Experiment;
import dev.flagledger.domain.experiment.ReweightExperiment;
import dev.flagledger.domain.experiment.StartExperiment;
import dev.flagledger.domain.experiment.StopExperiment;
import dev.flagledger.domain.flag.ArchiveFlag;
import dev.flagledger.domain.flag.CancelScheduledFlagChange;
import dev.flagledger.domain.flag.Flag;
import dev.flagledger.domain.flag.RestoreFlag;
import dev.flagledger.domain.flag.ScheduleFlagChange;
import dev.flagledger.domain.flag.SetDefaultVariation;
import dev.flagledger.domain.flag.SetFlagEnvironment;
import dev.flagledger.domain.flag.SetFlagTargeting;
import dev.flagledger.domain.flag.SetFlagVariations;
import dev.flagledger.domain.flag.SetOffVariation;
import dev.flagledger.domain.flag.ToggleFlag;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.EnvironmentProtection;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.ArchiveSegment;
import dev.flagledger.domain.segment.Segment;
import dev.flagledger.domain.segment.UpdateSegment;
import dev.flagledger.server.registry.AggregateFacts;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Which commands change what an environment serves, and whether that environment is protected.
 * Environment-scoped flag commands touch their environment; flag-wide commands (variations,
 * archive, restore) and segment changes reach every environment, so they are governed by the
 * strictest protected one. Creations and descriptive edits (name, tags) serve nothing new and pass.
 * An experiment's start, re-weighting by hand and stop change its environment's serving; the bandit's
 * automatic re-weighting (a re-weighting with statistics) passes: the approval of the start covers it,
 * and the experiment refuses one outside the bandit's configured bounds. The flag's own
 * {@code ServeExperiment} passes too: it only applies what the experiment recorded.
 */
@Component
public class ProtectedTargets {
    private final AggregateFacts aggregates;
    private final ProjectCatalog projects;

    public ProtectedTargets(AggregateFacts aggregates, ProjectCatalog projects) {
        this.aggregates = aggregates;
        this.projects = projects;
    }

    /** The aggregate a gated command targets, and the environment it touches (null: all of them). */
    public record Target(String aggregateType, String aggregateId, String projectKey, String subjectKey,
                         String environment) {
    }

    /** A target in a protected environment, with the policy that governs it. */
    public record Guarded(Target target, String environment, EnvironmentProtection policy) {
    }

    public Optional<Target> target(Object command) {
        if (command instanceof ToggleFlag c) return flag(c.flagId(), c.environment());
        if (command instanceof SetDefaultVariation c) return flag(c.flagId(), c.environment());
        if (command instanceof SetOffVariation c) return flag(c.flagId(), c.environment());
        if (command instanceof SetFlagTargeting c) return flag(c.flagId(), c.environment());
        if (command instanceof SetFlagEnvironment c) return flag(c.flagId(), c.environment());
        if (command instanceof ScheduleFlagChange c) return flag(c.flagId(), c.environment());
        if (command instanceof CancelScheduledFlagChange c) return flag(c.flagId(), c.environment());
        if (command instanceof SetFlagVariations c) return flag(c.flagId(), null);
        if (command instanceof ArchiveFlag c) return flag(c.flagId(), null);
        if (command instanceof RestoreFlag c) return flag(c.flagId(), null);
        if (command instanceof StartExperiment c) return experiment(c.experimentId());
        if (command instanceof StopExperiment c) return experiment(c.experimentId());
        if (command instanceof ReweightExperiment c && c.statistics() == null) return experiment(c.experimentId());
        if (command instanceof UpdateSegment c) return segment(c.segmentId());
        if (command instanceof ArchiveSegment c) return segment(c.segmentId());
        return Optional.empty();
    }

    /** The protected environment a command reaches, if any. */
    public Optional<Guarded> guarded(Object command) {
        return target(command).flatMap(this::guarded);
    }

    public Optional<Guarded> guarded(Target target) {
        Optional<ProjectFacts> project = projects.find(target.projectKey());
        if (project.isEmpty()) return Optional.empty();
        Map<String, EnvironmentProtection> protections = project.get().protections();
        if (target.environment() != null)
            return Optional.ofNullable(protections.get(target.environment()))
                    .map(policy -> new Guarded(target, target.environment(), policy));
        return protections.entrySet().stream()
                .max(Comparator.<Map.Entry<String, EnvironmentProtection>>comparingInt(e -> e.getValue().requiredApprovals())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(strictest -> new Guarded(target, strictest.getKey(), strictest.getValue()));
    }

    private Optional<Target> flag(String flagId, EnvironmentKey environment) {
        if (flagId == null) return Optional.empty();
        return aggregates.of(Flag.class, flagId, flag -> new Target("Flag", flagId, flag.projectKey(), flag.flagKey(),
                environment == null ? null : environment.value()));
    }

    private Optional<Target> experiment(String experimentId) {
        if (experimentId == null) return Optional.empty();
        return aggregates.of(Experiment.class, experimentId, experiment -> new Target("Experiment", experimentId,
                experiment.projectKey(), experiment.experimentKey(), experiment.environment()));
    }

    private Optional<Target> segment(String segmentId) {
        if (segmentId == null) return Optional.empty();
        return aggregates.of(Segment.class, segmentId, segment -> new Target("Segment", segmentId, segment.projectKey(),
                segment.facts().key(), null));
    }
}
