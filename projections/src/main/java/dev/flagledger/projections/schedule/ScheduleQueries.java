package dev.flagledger.projections.schedule;

import dev.flagledger.domain.flag.ScheduledChange;
import dev.flagledger.projections.flag.JsonColumns;
import dev.flagledger.projections.flag.TimeColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the timers read model; nothing here writes. */
@Component
public class ScheduleQueries {
    private static final String COLUMNS = "schedule_id, flag_id, project_key, flag_key, environment_key, due_at,"
            + " change, summary, status, scheduled_by_subject, scheduled_by_name, reason, scheduled_at, resolved_at,"
            + " delay_millis, failure, cancelled_by_subject, cancelled_by_name";
    private final JdbcTemplate jdbc;

    public ScheduleQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The search of {@code scheduledFlagChanges}; every part but the project is optional. */
    public record Filter(String projectKey, String flagKey, String environment, ScheduleStatus status) {
    }

    /** A position in the (due time, schedule id) order, for keyset pages. */
    public record After(Instant dueAt, String scheduleId) {
    }

    /** Up to {@code first + 1} schedules by due time (then id), after {@code after}: the extra one says "more". */
    public List<ScheduleView> schedules(Filter filter, int first, After after) {
        StringBuilder where = new StringBuilder(" where project_key = ?");
        List<Object> args = new ArrayList<>(List.of(filter.projectKey()));
        if (filter.flagKey() != null) {
            where.append(" and flag_key = ?");
            args.add(filter.flagKey());
        }
        if (filter.environment() != null) {
            where.append(" and environment_key = ?");
            args.add(filter.environment());
        }
        if (filter.status() != null) {
            where.append(" and status = ?");
            args.add(filter.status().name());
        }
        if (after != null) {
            where.append(" and (due_at > ? or (due_at = ? and schedule_id > ?))");
            args.addAll(List.of(utc(after.dueAt()), utc(after.dueAt()), after.scheduleId()));
        }
        args.add(first + 1);
        return jdbc.query("select " + COLUMNS + " from scheduled_flag_change" + where
                + " order by due_at, schedule_id limit ?", (rs, row) -> view(rs), args.toArray());
    }

    public Optional<ScheduleView> schedule(String flagId, String scheduleId) {
        return jdbc.query("select " + COLUMNS + " from scheduled_flag_change where flag_id = ? and schedule_id = ?",
                (rs, row) -> view(rs), flagId, scheduleId).stream().findFirst();
    }

    /** The earliest pending schedules, due or not, for a dispatcher to fire and to set its next timer. */
    public List<DueSchedule> earliestPending(int limit) {
        return jdbc.query("select flag_id, schedule_id, due_at, reason from scheduled_flag_change where status = ?"
                        + " order by due_at, schedule_id limit ?",
                (rs, row) -> new DueSchedule(rs.getString(1), rs.getString(2), TimeColumns.utc(rs, 3).toInstant(),
                        rs.getString(4)), ScheduleStatus.PENDING.name(), limit);
    }

    private static ScheduleView view(ResultSet rs) throws SQLException {
        return new ScheduleView(rs.getString("schedule_id"), rs.getString("flag_id"), rs.getString("project_key"),
                rs.getString("flag_key"), rs.getString("environment_key"), TimeColumns.utc(rs, "due_at"),
                JsonColumns.read(rs.getString("change"), ScheduledChange.class), rs.getString("summary"),
                ScheduleStatus.valueOf(rs.getString("status")),
                person(rs.getString("scheduled_by_subject"), rs.getString("scheduled_by_name")),
                rs.getString("reason"), TimeColumns.utc(rs, "scheduled_at"), TimeColumns.utc(rs, "resolved_at"),
                rs.getObject("delay_millis") == null ? null : rs.getLong("delay_millis"), rs.getString("failure"),
                person(rs.getString("cancelled_by_subject"), rs.getString("cancelled_by_name")));
    }

    private static ScheduleView.Person person(String subject, String name) {
        return subject == null && name == null ? null : new ScheduleView.Person(subject, name);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
