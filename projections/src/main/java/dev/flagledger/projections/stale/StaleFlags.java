package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.FlagKind;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.projections.flag.JsonColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds a project's stale flags ({@link StaleFlagPolicy}) from the flag-lifecycle read model and the
 * exposure aggregates: a handful of indexed reads per query, whatever the number of raw SDK events.
 * "Now" is the injected clock's, so a test moves time instead of waiting for it.
 */
@Component
public class StaleFlags {
    private final JdbcTemplate jdbc;
    private final ExposureCounts exposures;
    private final StaleFlagPolicy policy;
    private final Clock clock;

    public StaleFlags(JdbcTemplate jdbc, ExposureCounts exposures, StaleFlagPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.exposures = exposures;
        this.policy = policy;
        this.clock = clock;
    }

    /** @param unevaluatedDays overrides the configured window for this report; null keeps it */
    public StaleFlagReport find(String projectKey, Integer unevaluatedDays) {
        int days = unevaluatedDays != null ? unevaluatedDays : policy.unevaluatedDays();
        if (days < 1 || days > StaleFlagPolicy.MAX_DAYS)
            throw new InvalidInput("unevaluatedDays must be 1.." + StaleFlagPolicy.MAX_DAYS);
        Instant now = clock.instant();
        Instant windowStart = now.minus(Duration.ofDays(days));
        List<String> environments = jdbc.queryForList("select environment_key from flag_lifecycle_environment"
                + " where project_key = ? order by position", String.class, projectKey);
        Map<String, Instant> lastEvaluated = exposures.lastEvaluated(projectKey);
        Map<String, List<ExposureCounts.Count>> recent = exposures.since(projectKey, windowStart).stream()
                .collect(Collectors.groupingBy(ExposureCounts.Count::flagKey));
        List<StaleFlag> stale = new ArrayList<>();
        jdbc.query("select flag_key, name, kind, created_at, last_changed_at, serving, uniform_variant, uniform_since"
                + " from flag_lifecycle where project_key = ? and archived = false order by flag_key", rs -> {
            String key = rs.getString("flag_key");
            FlagKind kind = FlagKind.valueOf(rs.getString("kind"));
            Optional<Duration> lifetime = policy.lifetime(kind);
            String variant = rs.getString("uniform_variant");
            OffsetDateTime since = rs.getObject("uniform_since", OffsetDateTime.class);
            Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
            Instant last = lastEvaluated.get(key);
            List<StaleReason> reasons = new ArrayList<>();
            if (variant != null && since != null && lifetime.isPresent()
                    && since.toInstant().plus(lifetime.get()).isBefore(now))
                reasons.add(StaleReason.SERVES_ONE_VARIATION);
            // Never evaluated counts from the flag's creation: a new flag is not yet unused.
            if ((last != null ? last : created).isBefore(windowStart)) reasons.add(StaleReason.NOT_EVALUATED);
            if (reasons.isEmpty()) return;
            ServingState state = JsonColumns.read(rs.getString("serving"), ServingState.class);
            List<StaleFlag.Environment> evidence = environments.stream().map(environment -> {
                ServingState.EnvironmentServing serving = state.in(environment);
                return new StaleFlag.Environment(environment, serving.enabled(),
                        OneVariation.servedIn(serving).orElse(null));
            }).toList();
            stale.add(new StaleFlag(key, rs.getString("name"), kind.name(),
                    lifetime.map(duration -> (int) duration.toDays()).orElse(null), List.copyOf(reasons), variant,
                    since == null ? null : utc(since.toInstant()), evidence, last == null ? null : utc(last),
                    recent.getOrDefault(key, List.of()),
                    utc(rs.getObject("last_changed_at", OffsetDateTime.class).toInstant()), utc(created)));
        }, projectKey);
        return new StaleFlagReport(utc(now), days, List.copyOf(stale));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
