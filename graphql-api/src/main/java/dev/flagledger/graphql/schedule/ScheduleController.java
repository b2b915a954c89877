package dev.flagledger.graphql.schedule;

import dev.flagledger.graphql.error.NotReadableYet;
import dev.flagledger.domain.flag.CancelScheduledFlagChange;
import dev.flagledger.domain.flag.ScheduleFlagChange;
import dev.flagledger.domain.flag.ScheduledChange;
import dev.flagledger.domain.flag.Serve;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.projections.flag.FlagStateQueries;
import dev.flagledger.projections.flag.FlagView;
import dev.flagledger.projections.schedule.ScheduleQueries;
import dev.flagledger.projections.schedule.ScheduleStatus;
import dev.flagledger.projections.schedule.ScheduleView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Scheduled flag changes: the timers read model, and the schedule and cancel commands. */
@Controller
public class ScheduleController {
    private static final String CURSOR_KIND = "schedule";
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final FlagStateQueries flags;
    private final ScheduleQueries schedules;
    private final ChangeSender changes;

    public ScheduleController(FlagStateQueries flags, ScheduleQueries schedules, ChangeSender changes) {
        this.flags = flags;
        this.schedules = schedules;
        this.changes = changes;
    }

    /** Input of {@code scheduleFlagChange}. */
    public record ScheduleFlagChangeInput(String projectKey, String key, String environment, OffsetDateTime at,
                                          ScheduledChangeInput change, long expectedVersion, String reason) {
    }

    /** One of three parts; the schema's {@code @oneOf} and the domain both insist on exactly one. */
    public record ScheduledChangeInput(ScheduledToggleInput toggle, Serve defaultServe, Targeting targeting) {
        ScheduledChange toDomain() {
            return new ScheduledChange(toggle == null ? null : toggle.enabled(), defaultServe, targeting);
        }
    }

    public record ScheduledToggleInput(boolean enabled) {
    }

    public record CancelScheduledFlagChangeInput(String projectKey, String key, String environment,
                                                 String scheduleId, long expectedVersion, String reason) {
    }

    public record ScheduledFlagChangePayload(ScheduleView schedule, FlagView flag) {
    }

    @QueryMapping
    public Map<String, Object> scheduledFlagChanges(@Argument String projectKey, @Argument String flagKey,
                                                    @Argument String environment, @Argument ScheduleStatus status,
                                                    @Argument Integer first, @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        List<ScheduleView> page = schedules.schedules(new ScheduleQueries.Filter(projectKey, flagKey, environment,
                status), size, after(KeysetConnection.keyAfter(CURSOR_KIND, after)));
        boolean more = page.size() > size;
        return KeysetConnection.of(CURSOR_KIND, more ? page.subList(0, size) : page, more, after,
                schedule -> schedule.dueAt().toInstant() + "|" + schedule.id(), null);
    }

    @MutationMapping
    public ScheduledFlagChangePayload scheduleFlagChange(@Argument ScheduleFlagChangeInput input,
                                                         Authentication actor, GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        if (input.change() == null) throw new InvalidInput("change is required");
        String scheduleId = UUID.randomUUID().toString();
        // Kept to the millisecond, so the instant stored, listed and paged by is the one asked for.
        Instant at = input.at().toInstant().truncatedTo(ChronoUnit.MILLIS);
        long version = changes.send(new ScheduleFlagChange(flag.id(), scheduleId,
                        new EnvironmentKey(input.environment()), at, input.change().toDomain(), input.expectedVersion()),
                input.reason(), actor, context);
        return payload(flag.id(), scheduleId, version, context);
    }

    @MutationMapping
    public ScheduledFlagChangePayload cancelScheduledFlagChange(@Argument CancelScheduledFlagChangeInput input,
                                                                Authentication actor, GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        long version = changes.send(new CancelScheduledFlagChange(flag.id(), input.scheduleId(),
                new EnvironmentKey(input.environment()), input.expectedVersion()), input.reason(), actor, context);
        return payload(flag.id(), input.scheduleId(), version, context);
    }

    @SchemaMapping(typeName = "ScheduledFlagChange", field = "kind")
    public String kind(ScheduleView schedule) {
        return schedule.change().kind().name();
    }

    private ScheduledFlagChangePayload payload(String flagId, String scheduleId, long version, GraphQLContext context) {
        // The timers share the flag-state processor, so the flag at this version comes with its schedule.
        FlagView flag = flags.awaitFlag(flagId, version, READ_YOUR_WRITE)
                .or(() -> flags.flagById(flagId))
                .orElseThrow(() -> new NotReadableYet("flag " + flagId));
        // In a protected environment a change request holds the schedule: there is none (yet) to show.
        if (context.get(ChangeSender.PROPOSED_CHANGE_REQUEST) != null) return new ScheduledFlagChangePayload(null, flag);
        ScheduleView schedule = schedules.schedule(flagId, scheduleId)
                .orElseThrow(() -> new NotReadableYet("schedule " + scheduleId));
        return new ScheduledFlagChangePayload(schedule, flag);
    }

    private FlagView existing(String projectKey, String flagKey) {
        return flags.flag(projectKey, flagKey)
                .orElseThrow(() -> new NotFound("no flag " + flagKey + " in project " + projectKey));
    }

    private static ScheduleQueries.After after(String key) {
        if (key == null) return null;
        int bar = key.indexOf('|');
        try {
            if (bar > 0) return new ScheduleQueries.After(Instant.parse(key.substring(0, bar)), key.substring(bar + 1));
        } catch (DateTimeParseException invalid) {
            // falls through to the typed refusal
        }
        throw new InvalidInput("invalid cursor");
    }
}
