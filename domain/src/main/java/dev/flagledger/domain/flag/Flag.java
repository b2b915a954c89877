package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.segment.SegmentReferences;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.KeyRegistry;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Reason;
import dev.flagledger.domain.shared.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/**
 * A flag: its variations and its configuration in every environment of its project. One aggregate,
 * so a change is always checked against the variations it references. Its fields are also its
 * snapshot (serialized as they are): change {@link #SNAPSHOT_REVISION} when they change, so stored
 * snapshots of the old shape are skipped and the flag is replayed from its events.
 */
@Revision(Flag.SNAPSHOT_REVISION)
public class Flag {
    /** 3: the kind joined the fields; 2: pending schedules and schedule ids did (older snapshots lack them). */
    public static final String SNAPSHOT_REVISION = "3";
    @AggregateIdentifier
    private String flagId;
    private String projectKey;
    private String flagKey;
    private ValueType valueType;
    private final Map<String, Variation> variations = new LinkedHashMap<>();
    private String defaultVariation;
    private String offVariation;
    private final Map<String, FlagEnvironment> environments = new LinkedHashMap<>();
    private boolean archived;
    private FlagDetailsUpdated details;
    private FlagKind kind = FlagKind.RELEASE;
    /** Per environment; an environment without an entry has {@link Targeting#NONE}. */
    private final Map<String, Targeting> targeting = new HashMap<>();
    /** Scheduled changes not yet applied, failed or cancelled, by schedule id. */
    private final Map<String, FlagChangeScheduled> pendingSchedules = new LinkedHashMap<>();
    /** Every schedule id this flag ever had, so an id is never reused and a late delivery is recognised. */
    private final Set<String> scheduleIds = new HashSet<>();

    protected Flag() {
        // for Axon
    }

    @CommandHandler
    public Flag(CreateFlag command, ProjectCatalog projects, KeyRegistry keys) {
        ProjectFacts project = project(projects, command.projectKey().value());
        if (command.valueType() == null) throw new InvalidInput("valueType is required");
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        String description = Text.optional("description", command.description(), Text.DESCRIPTION_MAX);
        List<String> tags = Tags.check(command.tags());
        List<Variation> checked = Variations.check(command.valueType(), command.variations());
        String onKey = chosen(checked, command.defaultVariation(), checked.get(0).key(), "default");
        String offKey = chosen(checked, command.offVariation(), checked.get(checked.size() - 1).key(), "off");
        List<FlagEnvironment> configs = project.environmentKeys().stream()
                .map(environment -> new FlagEnvironment(environment, false, onKey, offKey))
                .toList();
        keys.claim("flag:" + project.key(), command.flagKey().value(), command.flagId());
        record(new FlagCreated(command.flagId(), project.key(), command.flagKey().value(), name, description, tags,
                command.valueType(), checked, onKey, offKey, configs));
        if (command.kind() != null && command.kind() != FlagKind.RELEASE)
            record(new FlagKindChanged(command.flagId(), project.key(), command.flagKey().value(), command.kind()));
    }

    @CommandHandler
    public long handle(UpdateFlagDetails command) {
        requireActive();
        String name = Text.required("name", command.name(), Text.NAME_MAX);
        String description = Text.optional("description", command.description(), Text.DESCRIPTION_MAX);
        FlagDetailsUpdated updated = new FlagDetailsUpdated(flagId, projectKey, flagKey, name, description,
                Tags.check(command.tags()));
        if (!updated.equals(details)) record(updated);
        if (command.kind() != null && command.kind() != kind)
            record(new FlagKindChanged(flagId, projectKey, flagKey, command.kind()));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetFlagVariations command, ProjectCatalog projects,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        requireActive();
        Reason.check(reason, project(projects, projectKey).anyEnvironmentRequiresReason(), "flag-wide settings");
        List<Variation> checked = Variations.check(valueType, command.variations());
        Set<String> kept = new HashSet<>();
        checked.forEach(variation -> kept.add(variation.key()));
        for (String inUse : variationsInUse())
            if (!kept.contains(inUse))
                throw new InvalidInput("variation " + inUse + " is still served; change the default and off"
                        + " variations and the targeting that use it before removing it");
        record(new FlagVariationsChanged(flagId, projectKey, flagKey, checked));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ToggleFlag command, ProjectCatalog projects, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        FlagEnvironment config = environmentForChange(command.environment().value(), projects, reason);
        if (config.enabled() != command.enabled())
            record(new FlagToggled(flagId, projectKey, flagKey, config.environment(), command.enabled()));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetDefaultVariation command, ProjectCatalog projects,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        FlagEnvironment config = environmentForChange(command.environment().value(), projects, reason);
        String variation = existing(command.variation(), "default");
        if (!variation.equals(config.defaultVariation()))
            record(new FlagDefaultVariationChanged(flagId, projectKey, flagKey, config.environment(), variation));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetOffVariation command, ProjectCatalog projects,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        FlagEnvironment config = environmentForChange(command.environment().value(), projects, reason);
        String variation = existing(command.variation(), "off");
        if (!variation.equals(config.offVariation()))
            record(new FlagOffVariationChanged(flagId, projectKey, flagKey, config.environment(), variation));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetFlagTargeting command, ProjectCatalog projects, FlagCatalog flags, SegmentCatalog segments,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        FlagEnvironment config = environmentForChange(command.environment().value(), projects, reason);
        Targeting checked = checkedTargeting(config, command.targeting(), flags, segments);
        if (!checked.equals(targetingOf(config.environment())))
            record(new FlagTargetingChanged(flagId, projectKey, flagKey, config.environment(), checked));
        return currentVersion();
    }

    @CommandHandler
    public long handle(SetFlagEnvironment command, ProjectCatalog projects, FlagCatalog flags, SegmentCatalog segments,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        if (command.environment() == null) throw new InvalidInput("environment is required");
        if (command.configuration() == null) throw new InvalidInput("configuration is required");
        FlagEnvironment config = environmentForChange(command.environment().value(), projects, reason);
        FlagEnvironmentConfiguration wanted = command.configuration();
        String onKey = existing(wanted.defaultVariation(), "default");
        String offKey = existing(wanted.offVariation(), "off");
        FlagEnvironment next = new FlagEnvironment(config.environment(), wanted.enabled(), onKey, offKey);
        Targeting checked = checkedTargeting(next, wanted.targeting(), flags, segments);
        String environment = config.environment();
        if (!onKey.equals(config.defaultVariation()))
            record(new FlagDefaultVariationChanged(flagId, projectKey, flagKey, environment, onKey));
        if (!offKey.equals(config.offVariation()))
            record(new FlagOffVariationChanged(flagId, projectKey, flagKey, environment, offKey));
        if (!checked.equals(targetingOf(environment)))
            record(new FlagTargetingChanged(flagId, projectKey, flagKey, environment, checked));
        if (config.enabled() != wanted.enabled())
            record(new FlagToggled(flagId, projectKey, flagKey, environment, wanted.enabled()));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ServeExperiment command, ProjectCatalog projects, FlagCatalog flags, SegmentCatalog segments) {
        project(projects, projectKey).environment(command.environment());
        FlagEnvironment config = configOf(command.environment());
        Targeting current = targetingOf(config.environment());
        List<TargetingRule> rules = new ArrayList<>(current.rules());
        int at = -1;
        for (int i = 0; i < rules.size(); i++) if (rules.get(i).id().equals(command.ruleId())) at = i;
        if (command.rule() == null) {
            // Removing works on an archived flag too: a stopped experiment must not keep serving.
            if (at < 0) return currentVersion();
            rules.remove(at);
        } else {
            requireActive();
            if (!command.ruleId().equals(command.rule().id())) throw new InvalidInput("the rule must have id " + command.ruleId());
            if (at >= 0) rules.set(at, command.rule());
            else rules.add(0, command.rule());
        }
        Targeting next = new Targeting(current.prerequisites(), current.targets(), rules, current.fallthroughRollout());
        if (command.rule() != null) next = checkedTargeting(config, next, flags, segments);
        if (!next.equals(current))
            record(new FlagTargetingChanged(flagId, projectKey, flagKey, config.environment(), next));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ScheduleFlagChange command, ProjectCatalog projects, FlagCatalog flags,
                       SegmentCatalog segments, Clock clock, @MetaDataValue(ChangeMetadata.REASON) String reason,
                       @MetaDataValue(ChangeMetadata.ACTOR_SUBJECT) String actorSubject,
                       @MetaDataValue(ChangeMetadata.ACTOR_NAME) String actorName) {
        String scheduleId = SchedulePolicy.scheduleId(command.scheduleId());
        if (command.environment() == null) throw new InvalidInput("environment is required");
        FlagEnvironment config = environmentForChange(command.environment().value(), projects, reason);
        if (scheduleIds.contains(scheduleId)) throw new InvalidInput("schedule id " + scheduleId + " is taken");
        SchedulePolicy.checkDue(command.at(), clock.instant());
        SchedulePolicy.checkRoom(pendingSchedules.size());
        if (command.change() == null) throw new InvalidInput("change is required");
        // Checked now so a mistake surfaces to the person scheduling, and again when due.
        effectsOf(config, command.change(), flags, segments);
        record(new FlagChangeScheduled(flagId, projectKey, flagKey, scheduleId, config.environment(), command.at(),
                command.change(), new ScheduledBy(actorSubject, actorName)));
        return currentVersion();
    }

    @CommandHandler
    public long handle(CancelScheduledFlagChange command, ProjectCatalog projects,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        FlagChangeScheduled pending = pendingSchedules.get(command.scheduleId());
        if (pending == null) {
            if (scheduleIds.contains(command.scheduleId()))
                throw new InvalidInput("scheduled change " + command.scheduleId() + " is no longer pending");
            throw new NotFound("no scheduled change " + Text.abbreviate(command.scheduleId()) + " on flag " + flagKey);
        }
        if (command.environment() == null || !command.environment().value().equals(pending.environment()))
            throw new InvalidInput("scheduled change " + pending.scheduleId() + " is in environment "
                    + pending.environment());
        Reason.check(reason, project(projects, projectKey).environment(pending.environment()).requireReason(),
                "environment " + pending.environment());
        record(new ScheduledFlagChangeCancelled(flagId, projectKey, flagKey, pending.scheduleId(),
                pending.environment()));
        return currentVersion();
    }

    /**
     * Applies a due change, exactly once: a schedule that is no longer pending makes this a no-op, and
     * two schedulers racing both append at the same stream version, which the store lets only one do.
     * A change that became invalid since it was scheduled is recorded as failed, not retried forever.
     */
    @CommandHandler
    public long handle(ApplyScheduledFlagChange command, ProjectCatalog projects, FlagCatalog flags,
                       SegmentCatalog segments, Clock clock) {
        FlagChangeScheduled pending = pendingSchedules.get(command.scheduleId());
        if (pending == null) {
            if (scheduleIds.contains(command.scheduleId())) return currentVersion();
            throw new NotFound("no scheduled change " + Text.abbreviate(command.scheduleId()) + " on flag " + flagKey);
        }
        Instant now = clock.instant();
        if (now.isBefore(pending.dueAt()))
            throw new InvalidInput("scheduled change " + pending.scheduleId() + " is not due until " + pending.dueAt());
        Map<String, Object> provenance = Map.of(
                ChangeMetadata.SCHEDULE_ID, pending.scheduleId(),
                ChangeMetadata.SCHEDULED_BY_SUBJECT, String.valueOf(pending.scheduledBy().subject()),
                ChangeMetadata.SCHEDULED_BY_NAME, String.valueOf(pending.scheduledBy().name()));
        List<Object> effects;
        try {
            requireActive();
            project(projects, projectKey).environment(pending.environment());
            effects = effectsOf(configOf(pending.environment()), pending.change(), flags, segments);
        } catch (InvalidInput | NotFound invalid) {
            record(new ScheduledFlagChangeFailed(flagId, projectKey, flagKey, pending.scheduleId(),
                    pending.environment(), pending.dueAt(), now, invalid.getMessage(), pending.scheduledBy()), provenance);
            return currentVersion();
        }
        long delay = Math.max(0, Duration.between(pending.dueAt(), now).toMillis());
        record(new ScheduledFlagChangeApplied(flagId, projectKey, flagKey, pending.scheduleId(), pending.environment(),
                pending.dueAt(), now, delay, pending.scheduledBy()), provenance);
        effects.forEach(effect -> record(effect, provenance));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ArchiveFlag command, ProjectCatalog projects, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        Reason.check(reason, project(projects, projectKey).anyEnvironmentRequiresReason(), "flag-wide settings");
        if (!archived) record(new FlagArchived(flagId, projectKey, flagKey));
        return currentVersion();
    }

    @CommandHandler
    public long handle(RestoreFlag command, ProjectCatalog projects, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        Reason.check(reason, project(projects, projectKey).anyEnvironmentRequiresReason(), "flag-wide settings");
        if (archived) record(new FlagRestored(flagId, projectKey, flagKey));
        return currentVersion();
    }

    public String projectKey() {
        return projectKey;
    }

    public String flagKey() {
        return flagKey;
    }

    /** The flag's whole configuration in one environment, as promotion reads it from the source. */
    public FlagEnvironmentConfiguration configurationIn(String environment) {
        FlagEnvironment config = configOf(environment);
        return new FlagEnvironmentConfiguration(config.enabled(), config.defaultVariation(), config.offVariation(),
                targetingOf(environment));
    }

    /** What other flags' commands may know of this one: its variations and prerequisites. */
    public FlagFacts facts() {
        Map<String, List<Prerequisite>> prerequisites = new HashMap<>();
        targeting.forEach((environment, value) -> prerequisites.put(environment, value.prerequisites()));
        return new FlagFacts(flagId, flagKey, archived, variations.keySet(), prerequisites);
    }

    /**
     * The events a scheduled change would record against the flag as it is now, after checking it
     * exactly as the direct commands check theirs; none when it would change nothing.
     */
    private List<Object> effectsOf(FlagEnvironment config, ScheduledChange change, FlagCatalog flags,
                                   SegmentCatalog segments) {
        String environment = config.environment();
        List<Object> effects = new ArrayList<>();
        Targeting current = targetingOf(environment);
        switch (change.kind()) {
            case TOGGLE -> {
                if (config.enabled() != change.enabled())
                    effects.add(new FlagToggled(flagId, projectKey, flagKey, environment, change.enabled()));
            }
            case DEFAULT_SERVE -> {
                Serve serve = change.defaultServe();
                if ((serve.variation() == null) == (serve.rollout() == null))
                    throw new InvalidInput("defaultServe is exactly one of variation or rollout");
                Targeting next = new Targeting(current.prerequisites(), current.targets(), current.rules(),
                        serve.rollout());
                if (serve.variation() != null) {
                    String variation = existing(serve.variation(), "default");
                    if (!variation.equals(config.defaultVariation()))
                        effects.add(new FlagDefaultVariationChanged(flagId, projectKey, flagKey, environment,
                                variation));
                } else {
                    next = checkedTargeting(config, next, flags, segments);
                }
                if (!next.equals(current))
                    effects.add(new FlagTargetingChanged(flagId, projectKey, flagKey, environment, next));
            }
            case TARGETING -> {
                Targeting checked = checkedTargeting(config, change.targeting(), flags, segments);
                if (!checked.equals(current))
                    effects.add(new FlagTargetingChanged(flagId, projectKey, flagKey, environment, checked));
            }
        }
        return effects;
    }

    private Targeting checkedTargeting(FlagEnvironment config, Targeting requested, FlagCatalog flags,
                                       SegmentCatalog segments) {
        Targeting checked = TargetingCheck.check(flagKey, valueType, List.copyOf(variations.values()), config,
                requested == null ? null : requested.laidOver(targetingOf(config.environment())));
        SegmentReferences.requireExisting(projectKey, checked.segmentKeys().distinct().toList(), segments);
        Prerequisites.check(projectKey, flagKey, config.environment(), checked.prerequisites(), flags);
        return checked;
    }

    private Targeting targetingOf(String environment) {
        return targeting.getOrDefault(environment, Targeting.NONE);
    }

    private FlagEnvironment environmentForChange(String environment, ProjectCatalog projects, String reason) {
        requireActive();
        ProjectFacts project = project(projects, projectKey);
        Reason.check(reason, project.environment(environment).requireReason(), "environment " + environment);
        return configOf(environment);
    }

    /** Environments added to the project after the flag was created start from the flag's defaults. */
    private FlagEnvironment configOf(String environment) {
        FlagEnvironment config = environments.get(environment);
        return config != null ? config : new FlagEnvironment(environment, false, defaultVariation, offVariation);
    }

    private Set<String> variationsInUse() {
        // Default and off may be the same variation; Set.of would refuse the duplicate.
        Set<String> inUse = new HashSet<>(List.of(defaultVariation, offVariation));
        environments.values().forEach(config -> {
            inUse.add(config.defaultVariation());
            inUse.add(config.offVariation());
        });
        targeting.values().forEach(value -> value.servedVariations().forEach(inUse::add));
        return inUse;
    }

    private String existing(String variation, String role) {
        if (variation == null || !variations.containsKey(variation))
            throw new InvalidInput(role + " variation " + Text.abbreviate(variation) + " does not exist on flag " + flagKey);
        return variation;
    }

    private static String chosen(List<Variation> variations, String requested, String fallback, String role) {
        if (requested == null) return fallback;
        if (variations.stream().noneMatch(variation -> variation.key().equals(requested)))
            throw new InvalidInput(role + " variation " + Text.abbreviate(requested) + " does not exist");
        return requested;
    }

    private void requireActive() {
        if (archived) throw new InvalidInput("flag " + flagKey + " is archived; restore it before changing it");
    }

    private static ProjectFacts project(ProjectCatalog projects, String projectKey) {
        return projects.find(projectKey).orElseThrow(() -> new NotFound("no project " + projectKey));
    }

    @EventSourcingHandler
    void on(FlagCreated event) {
        details = new FlagDetailsUpdated(event.flagId(), event.projectKey(), event.flagKey(), event.name(),
                event.description(), event.tags());
        flagId = event.flagId();
        projectKey = event.projectKey();
        flagKey = event.flagKey();
        valueType = event.valueType();
        event.variations().forEach(variation -> variations.put(variation.key(), variation));
        defaultVariation = event.defaultVariation();
        offVariation = event.offVariation();
        event.environments().forEach(config -> environments.put(config.environment(), config));
    }

    @EventSourcingHandler
    void on(FlagDetailsUpdated event) {
        details = event;
    }

    @EventSourcingHandler
    void on(FlagKindChanged event) {
        kind = event.kind();
    }

    @EventSourcingHandler
    void on(FlagVariationsChanged event) {
        variations.clear();
        event.variations().forEach(variation -> variations.put(variation.key(), variation));
    }

    @EventSourcingHandler
    void on(FlagToggled event) {
        environments.put(event.environment(), configOf(event.environment()).toggled(event.enabled()));
    }

    @EventSourcingHandler
    void on(FlagDefaultVariationChanged event) {
        environments.put(event.environment(), configOf(event.environment()).withDefault(event.variation()));
    }

    @EventSourcingHandler
    void on(FlagOffVariationChanged event) {
        environments.put(event.environment(), configOf(event.environment()).withOff(event.variation()));
    }

    @EventSourcingHandler
    void on(FlagTargetingChanged event) {
        targeting.put(event.environment(), event.targeting());
    }

    @EventSourcingHandler
    void on(FlagChangeScheduled event) {
        scheduleIds.add(event.scheduleId());
        pendingSchedules.put(event.scheduleId(), event);
    }

    @EventSourcingHandler
    void on(ScheduledFlagChangeCancelled event) {
        pendingSchedules.remove(event.scheduleId());
    }

    @EventSourcingHandler
    void on(ScheduledFlagChangeApplied event) {
        pendingSchedules.remove(event.scheduleId());
    }

    @EventSourcingHandler
    void on(ScheduledFlagChangeFailed event) {
        pendingSchedules.remove(event.scheduleId());
    }

    @EventSourcingHandler
    void on(FlagArchived event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(FlagRestored event) {
        archived = false;
    }
}
