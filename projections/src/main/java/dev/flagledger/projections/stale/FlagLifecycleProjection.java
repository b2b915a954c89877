package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagCreated;
import dev.flagledger.domain.flag.FlagDefaultVariationChanged;
import dev.flagledger.domain.flag.FlagDetailsUpdated;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.FlagEvent;
import dev.flagledger.domain.flag.FlagKind;
import dev.flagledger.domain.flag.FlagKindChanged;
import dev.flagledger.domain.flag.FlagOffVariationChanged;
import dev.flagledger.domain.flag.FlagRestored;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.flag.FlagVariationsChanged;
import dev.flagledger.domain.flag.Variation;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.EnvironmentAdded;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.projections.flag.JsonColumns;
import dev.flagledger.projections.stale.ServingState.EnvironmentServing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The flag-lifecycle read model (table {@code flag_lifecycle}, V80): per flag its kind, when a person
 * last changed it, and whether, and since when, it serves one variation to everyone in every
 * environment of its project. "Since when" moves only when the served variation (or its value)
 * changes, so a change that keeps a flag fully rolled out does not make it look young. Its own
 * tracking processor and JDBC token; a rebuild replays the store.
 */
@Component
@ProcessingGroup(FlagLifecycleProjection.PROCESSING_GROUP)
public class FlagLifecycleProjection {
    public static final String PROCESSING_GROUP = "flag-lifecycle";
    private final JdbcTemplate jdbc;

    public FlagLifecycleProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectCreated event) {
        int position = 0;
        for (Environment environment : event.environments())
            insertEnvironment(event.projectKey(), environment.key(), position++);
    }

    /** A new environment serves every flag's off variation: which may end, or start, "one variation everywhere". */
    @EventHandler
    void on(EnvironmentAdded event, @Timestamp Instant at) {
        Integer position = jdbc.queryForObject("select count(*) from flag_lifecycle_environment where project_key = ?",
                Integer.class, event.projectKey());
        insertEnvironment(event.projectKey(), event.environment().key(), position == null ? 0 : position);
        for (String flagId : jdbc.queryForList("select flag_id from flag_lifecycle where project_key = ?", String.class,
                event.projectKey()))
            serving(flagId, at, false, UnaryOperator.identity());
    }

    @EventHandler
    void on(FlagCreated event, @Timestamp Instant at) {
        Map<String, EnvironmentServing> environments = new LinkedHashMap<>();
        for (FlagEnvironment config : event.environments())
            environments.put(config.environment(), new EnvironmentServing(config.enabled(), config.defaultVariation(),
                    config.offVariation(), null));
        ServingState state = new ServingState(values(event.variations()), event.defaultVariation(),
                event.offVariation(), environments);
        Optional<String> one = OneVariation.servedEverywhere(state, environments(event.projectKey()));
        jdbc.update("insert into flag_lifecycle (flag_id, project_key, flag_key, name, kind, archived, created_at,"
                        + " last_changed_at, serving, uniform_variant, uniform_since) values (?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?)",
                event.flagId(), event.projectKey(), event.flagKey(), event.name(), FlagKind.RELEASE.name(), utc(at),
                utc(at), JsonColumns.writeValue(state), one.orElse(null), one.isPresent() ? utc(at) : null);
    }

    @EventHandler
    void on(FlagDetailsUpdated event, @Timestamp Instant at) {
        jdbc.update("update flag_lifecycle set name = ?, last_changed_at = ? where flag_id = ?",
                event.name(), utc(at), event.flagId());
    }

    @EventHandler
    void on(FlagKindChanged event, @Timestamp Instant at) {
        jdbc.update("update flag_lifecycle set kind = ?, last_changed_at = ? where flag_id = ?",
                event.kind().name(), utc(at), event.flagId());
    }

    @EventHandler
    void on(FlagArchived event, @Timestamp Instant at) {
        jdbc.update("update flag_lifecycle set archived = true, last_changed_at = ? where flag_id = ?", utc(at), event.flagId());
    }

    @EventHandler
    void on(FlagRestored event, @Timestamp Instant at) {
        jdbc.update("update flag_lifecycle set archived = false, last_changed_at = ? where flag_id = ?", utc(at), event.flagId());
    }

    @EventHandler
    void on(FlagVariationsChanged event, @Timestamp Instant at) {
        serving(event.flagId(), at, true, state -> state.withVariations(values(event.variations())));
    }

    @EventHandler
    void on(FlagToggled event, @Timestamp Instant at) {
        environment(event, event.environment(), at, current -> new EnvironmentServing(event.enabled(),
                current.defaultVariation(), current.offVariation(), current.targeting()));
    }

    @EventHandler
    void on(FlagDefaultVariationChanged event, @Timestamp Instant at) {
        environment(event, event.environment(), at, current -> new EnvironmentServing(current.enabled(),
                event.variation(), current.offVariation(), current.targeting()));
    }

    @EventHandler
    void on(FlagOffVariationChanged event, @Timestamp Instant at) {
        environment(event, event.environment(), at, current -> new EnvironmentServing(current.enabled(),
                current.defaultVariation(), event.variation(), current.targeting()));
    }

    @EventHandler
    void on(FlagTargetingChanged event, @Timestamp Instant at) {
        environment(event, event.environment(), at, current -> new EnvironmentServing(current.enabled(),
                current.defaultVariation(), current.offVariation(), event.targeting()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from flag_lifecycle");
        jdbc.update("delete from flag_lifecycle_environment");
    }

    private void environment(FlagEvent event, String environment, Instant at, UnaryOperator<EnvironmentServing> change) {
        serving(event.flagId(), at, true, state -> state.withEnvironment(environment, change.apply(state.in(environment))));
    }

    /** Applies a change to what the flag serves and moves "one variation since" only when that variation changes. */
    private void serving(String flagId, Instant at, boolean changedByPerson, UnaryOperator<ServingState> change) {
        List<Row> rows = jdbc.query("select project_key, serving, uniform_variant, uniform_since from flag_lifecycle"
                + " where flag_id = ?", (rs, n) -> new Row(rs.getString("project_key"),
                JsonColumns.read(rs.getString("serving"), ServingState.class), rs.getString("uniform_variant"),
                rs.getObject("uniform_since", OffsetDateTime.class)), flagId);
        if (rows.isEmpty()) return;
        Row row = rows.get(0);
        ServingState next = change.apply(row.state());
        Optional<String> one = OneVariation.servedEverywhere(next, environments(row.projectKey()));
        OffsetDateTime since = null;
        if (one.isPresent()) {
            boolean same = one.get().equals(row.variant()) && row.since() != null
                    && Objects.equals(JsonColumns.writeValue(row.state().variations().get(one.get())),
                    JsonColumns.writeValue(next.variations().get(one.get())));
            since = same ? row.since() : utc(at);
        }
        if (changedByPerson)
            jdbc.update("update flag_lifecycle set serving = ?, uniform_variant = ?, uniform_since = ?, last_changed_at = ?"
                    + " where flag_id = ?", JsonColumns.writeValue(next), one.orElse(null), since, utc(at), flagId);
        else
            jdbc.update("update flag_lifecycle set serving = ?, uniform_variant = ?, uniform_since = ? where flag_id = ?",
                    JsonColumns.writeValue(next), one.orElse(null), since, flagId);
    }

    private List<String> environments(String projectKey) {
        return jdbc.queryForList("select environment_key from flag_lifecycle_environment where project_key = ?"
                + " order by position", String.class, projectKey);
    }

    private void insertEnvironment(String projectKey, String environment, int position) {
        jdbc.update("insert into flag_lifecycle_environment (project_key, environment_key, position) values (?, ?, ?)",
                projectKey, environment, position);
    }

    private static Map<String, Object> values(List<Variation> variations) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Variation variation : variations) values.put(variation.key(), variation.value());
        return values;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private record Row(String projectKey, ServingState state, String variant, OffsetDateTime since) {
    }
}
