package dev.flagledger.projections.stale;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exposure counts per environment, flag, variation and hour ({@code flag_exposure_hourly}, V80), and
 * per environment, flag and variation over all time ({@code flag_exposure_latest}), kept as SDK event
 * batches arrive, in the transaction that stores each batch. Reading "when was this flag last
 * evaluated" therefore never scans raw events. Hours are UTC and come from the event's own time.
 */
@Component
public class ExposureCounts {
    private final JdbcTemplate jdbc;

    public ExposureCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One exposure as an SDK reported it. */
    public record Exposure(String flagKey, String variant, Instant occurredAt) {
    }

    /** Exposures of one flag variation in one environment: a count and the newest one. */
    public record Count(String environment, String flagKey, String variant, long exposures, OffsetDateTime lastSeenAt) {
    }

    /**
     * Adds one batch's exposures. Call it inside the transaction that stores the batch: rows are
     * updated in key order, so concurrent batches cannot deadlock; two batches inserting the same new
     * row make one fail with a duplicate key, and the caller retries its transaction.
     */
    public void add(String projectKey, String environment, List<Exposure> exposures) {
        Map<List<Object>, Tally> hourly = new TreeMap<>(ExposureCounts::compareKeys);
        Map<List<Object>, Tally> total = new TreeMap<>(ExposureCounts::compareKeys);
        for (Exposure exposure : exposures) {
            Instant hour = exposure.occurredAt().truncatedTo(ChronoUnit.HOURS);
            hourly.computeIfAbsent(List.of(exposure.flagKey(), exposure.variant(), hour), key -> new Tally())
                    .add(exposure.occurredAt());
            total.computeIfAbsent(List.of(exposure.flagKey(), exposure.variant()), key -> new Tally())
                    .add(exposure.occurredAt());
        }
        hourly.forEach((key, tally) -> {
            Object[] where = {projectKey, environment, key.get(0), key.get(1), utc((Instant) key.get(2))};
            int updated = jdbc.update("update flag_exposure_hourly set exposures = exposures + ?,"
                            + " last_seen_at = greatest(last_seen_at, ?) where project_key = ? and environment = ?"
                            + " and flag_key = ? and variant = ? and hour_start = ?",
                    tally.count, utc(tally.last), where[0], where[1], where[2], where[3], where[4]);
            if (updated == 0)
                jdbc.update("insert into flag_exposure_hourly (project_key, environment, flag_key, variant, hour_start,"
                        + " exposures, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)", where[0], where[1], where[2],
                        where[3], where[4], tally.count, utc(tally.last));
        });
        total.forEach((key, tally) -> {
            int updated = jdbc.update("update flag_exposure_latest set exposures = exposures + ?,"
                            + " first_seen_at = least(first_seen_at, ?), last_seen_at = greatest(last_seen_at, ?)"
                            + " where project_key = ? and environment = ? and flag_key = ? and variant = ?",
                    tally.count, utc(tally.first), utc(tally.last), projectKey, environment, key.get(0), key.get(1));
            if (updated == 0)
                jdbc.update("insert into flag_exposure_latest (project_key, environment, flag_key, variant, exposures,"
                        + " first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)", projectKey, environment,
                        key.get(0), key.get(1), tally.count, utc(tally.first), utc(tally.last));
        });
    }

    /** When each flag of a project was last reported evaluated, in any environment. */
    public Map<String, Instant> lastEvaluated(String projectKey) {
        Map<String, Instant> last = new HashMap<>();
        jdbc.query("select flag_key, max(last_seen_at) as last_seen_at from flag_exposure_latest where project_key = ?"
                + " group by flag_key", rs -> {
            last.put(rs.getString("flag_key"), rs.getObject("last_seen_at", OffsetDateTime.class).toInstant());
        }, projectKey);
        return last;
    }

    /** Exposures of a project's flags from the hour of {@code from} on, per environment, flag and variation. */
    public List<Count> since(String projectKey, Instant from) {
        List<Count> counts = new ArrayList<>();
        jdbc.query("select environment, flag_key, variant, sum(exposures) as exposures, max(last_seen_at) as last_seen_at"
                        + " from flag_exposure_hourly where project_key = ? and hour_start >= ?"
                        + " group by environment, flag_key, variant order by flag_key, environment, variant",
                rs -> {
                    counts.add(new Count(rs.getString("environment"), rs.getString("flag_key"), rs.getString("variant"),
                            rs.getLong("exposures"), utc(rs.getObject("last_seen_at", OffsetDateTime.class).toInstant())));
                }, projectKey, utc(from.truncatedTo(ChronoUnit.HOURS)));
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = ((Comparable<Object>) a.get(i)).compareTo(b.get(i));
            if (order != 0) return order;
        }
        return 0;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static final class Tally {
        long count;
        Instant first;
        Instant last;

        void add(Instant at) {
            count++;
            if (first == null || at.isBefore(first)) first = at;
            if (last == null || at.isAfter(last)) last = at;
        }
    }
}
