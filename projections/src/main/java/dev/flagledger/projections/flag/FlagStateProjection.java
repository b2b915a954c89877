package dev.flagledger.projections.flag;

import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagChangeScheduled;
import dev.flagledger.domain.flag.ScheduledFlagChangeApplied;
import dev.flagledger.domain.flag.ScheduledFlagChangeCancelled;
import dev.flagledger.domain.flag.ScheduledFlagChangeFailed;
import dev.flagledger.domain.flag.FlagCreated;
import dev.flagledger.domain.flag.FlagDefaultVariationChanged;
import dev.flagledger.domain.flag.FlagDetailsUpdated;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.FlagEvent;
import dev.flagledger.domain.flag.FlagKindChanged;
import dev.flagledger.domain.flag.FlagOffVariationChanged;
import dev.flagledger.domain.flag.FlagRestored;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.flag.FlagVariationsChanged;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.EnvironmentAdded;
import dev.flagledger.domain.project.EnvironmentProtectionChanged;
import dev.flagledger.domain.project.EnvironmentReasonPolicyChanged;
import dev.flagledger.domain.project.EnvironmentRenamed;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.domain.project.ProjectEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The current state of every project and flag, in every environment. Fed by a tracking processor
 * whose token lives in the same database, so a restart resumes where it stopped and a reset
 * rebuilds the whole model from the store.
 */
@Component
@ProcessingGroup(FlagStateProjection.PROCESSING_GROUP)
public class FlagStateProjection {
    public static final String PROCESSING_GROUP = "flag-state";

    private final JdbcTemplate jdbc;
    private final ReadModelSignal signal;

    public FlagStateProjection(JdbcTemplate jdbc, ReadModelSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    @EventHandler
    void on(ProjectCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("insert into project_view (project_key, name, description, version, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                event.projectKey(), event.name(), event.description(), version, utc(at), utc(at));
        int position = 0;
        for (Environment environment : event.environments()) insertEnvironment(event.projectKey(), environment, position++);
        signal.changed();
    }

    @EventHandler
    void on(EnvironmentAdded event, @SequenceNumber long version, @Timestamp Instant at) {
        Integer position = jdbc.queryForObject("select count(*) from environment_view where project_key = ?",
                Integer.class, event.projectKey());
        insertEnvironment(event.projectKey(), event.environment(), position);
        // Flags created before the environment existed serve their flag-level defaults there.
        jdbc.update("insert into flag_environment_view (flag_id, environment_key, enabled, default_variation, off_variation)"
                        + " select flag_id, ?, false, default_variation, off_variation from flag_view where project_key = ?",
                event.environment().key(), event.projectKey());
        touchProject(event, version, at);
    }

    @EventHandler
    void on(EnvironmentRenamed event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update environment_view set name = ? where project_key = ? and environment_key = ?",
                event.name(), event.projectKey(), event.environmentKey());
        touchProject(event, version, at);
    }

    @EventHandler
    void on(EnvironmentReasonPolicyChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update environment_view set require_reason = ? where project_key = ? and environment_key = ?",
                event.requireReason(), event.projectKey(), event.environmentKey());
        touchProject(event, version, at);
    }

    /**
     * The protection itself is read from the approval catalog; the project's version still moves, or a
     * mutation waiting to read its own write (setEnvironmentProtection) waited out its whole timeout and
     * answered, like every later read, with the version before the change.
     */
    @EventHandler
    void on(EnvironmentProtectionChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        touchProject(event, version, at);
    }

    @EventHandler
    void on(FlagCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("insert into flag_view (flag_id, project_key, flag_key, name, description, tags, value_type,"
                        + " variations, default_variation, off_variation, archived, version, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?)",
                event.flagId(), event.projectKey(), event.flagKey(), event.name(), event.description(),
                JsonColumns.write(event.tags()), event.valueType().name(), JsonColumns.write(event.variations()),
                event.defaultVariation(), event.offVariation(), version, utc(at), utc(at));
        insertTags(event.flagId(), event.tags());
        for (FlagEnvironment config : event.environments())
            jdbc.update("insert into flag_environment_view (flag_id, environment_key, enabled, default_variation,"
                            + " off_variation) values (?, ?, ?, ?, ?)",
                    event.flagId(), config.environment(), config.enabled(), config.defaultVariation(),
                    config.offVariation());
        signal.changed();
    }

    @EventHandler
    void on(FlagDetailsUpdated event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update flag_view set name = ?, description = ?, tags = ? where flag_id = ?",
                event.name(), event.description(), JsonColumns.write(event.tags()), event.flagId());
        jdbc.update("delete from flag_tag_view where flag_id = ?", event.flagId());
        insertTags(event.flagId(), event.tags());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagKindChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update flag_view set kind = ? where flag_id = ?", event.kind().name(), event.flagId());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagVariationsChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update flag_view set variations = ? where flag_id = ?",
                JsonColumns.write(event.variations()), event.flagId());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagToggled event, @SequenceNumber long version, @Timestamp Instant at) {
        updateEnvironment(event, "enabled", event.environment(), event.enabled());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagDefaultVariationChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        updateEnvironment(event, "default_variation", event.environment(), event.variation());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagOffVariationChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        updateEnvironment(event, "off_variation", event.environment(), event.variation());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagTargetingChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        updateEnvironment(event, "targeting", event.environment(), JsonColumns.write(event.targeting()));
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagArchived event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update flag_view set archived = true where flag_id = ?", event.flagId());
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(FlagRestored event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("update flag_view set archived = false where flag_id = ?", event.flagId());
        touchFlag(event, version, at);
    }

    /**
     * Scheduling, cancelling and the scheduler's bookkeeping change no field shown here, but they are
     * versions of the flag: the version shown must stay the one the next edit is decided against.
     */
    @EventHandler
    void on(FlagChangeScheduled event, @SequenceNumber long version, @Timestamp Instant at) {
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(ScheduledFlagChangeCancelled event, @SequenceNumber long version, @Timestamp Instant at) {
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(ScheduledFlagChangeApplied event, @SequenceNumber long version, @Timestamp Instant at) {
        touchFlag(event, version, at);
    }

    @EventHandler
    void on(ScheduledFlagChangeFailed event, @SequenceNumber long version, @Timestamp Instant at) {
        touchFlag(event, version, at);
    }

    /** A rebuild starts from nothing: the store is the truth, this model only a view of it. */
    @ResetHandler
    void reset() {
        for (String table : List.of("flag_tag_view", "flag_environment_view", "flag_view", "environment_view",
                "project_view"))
            jdbc.update("delete from " + table);
    }

    private void insertEnvironment(String projectKey, Environment environment, int position) {
        jdbc.update("insert into environment_view (project_key, environment_key, name, require_reason, position)"
                        + " values (?, ?, ?, ?, ?)",
                projectKey, environment.key(), environment.name(), environment.requireReason(), position);
    }

    private void insertTags(String flagId, List<String> tags) {
        for (String tag : tags)
            jdbc.update("insert into flag_tag_view (flag_id, tag) values (?, ?)", flagId, tag);
    }

    /**
     * Environments added to the project after the flag are materialised by {@link EnvironmentAdded};
     * the upsert covers an event for such an environment arriving for a flag created in between.
     */
    private void updateEnvironment(FlagEvent event, String column, String environment, Object value) {
        int updated = jdbc.update("update flag_environment_view set " + column + " = ? where flag_id = ? and environment_key = ?",
                value, event.flagId(), environment);
        if (updated == 0) {
            jdbc.update("insert into flag_environment_view (flag_id, environment_key, enabled, default_variation,"
                            + " off_variation) select flag_id, ?, false, default_variation, off_variation"
                            + " from flag_view where flag_id = ?",
                    environment, event.flagId());
            jdbc.update("update flag_environment_view set " + column + " = ? where flag_id = ? and environment_key = ?",
                    value, event.flagId(), environment);
        }
    }

    private void touchFlag(FlagEvent event, long version, Instant at) {
        jdbc.update("update flag_view set version = ?, updated_at = ? where flag_id = ?", version, utc(at), event.flagId());
        signal.changed();
    }

    private void touchProject(ProjectEvent event, long version, Instant at) {
        jdbc.update("update project_view set version = ?, updated_at = ? where project_key = ?",
                version, utc(at), event.projectKey());
        signal.changed();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
