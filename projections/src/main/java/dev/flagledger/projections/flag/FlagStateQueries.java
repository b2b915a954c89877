package dev.flagledger.projections.flag;

import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.flagledger.projections.flag.TimeColumns.utc;

/** Reads of the flag-state read model; nothing here ever writes. */
@Component
public class FlagStateQueries {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<VariationView>> VARIATIONS = new TypeReference<>() {
    };
    private static final String FLAG_COLUMNS = "f.flag_id, f.project_key, f.flag_key, f.name, f.description, f.tags,"
            + " f.value_type, f.variations, f.archived, f.version, f.created_at, f.updated_at, f.kind";

    private final JdbcTemplate jdbc;
    private final ReadModelSignal signal;

    public FlagStateQueries(JdbcTemplate jdbc, ReadModelSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    public List<ProjectView> projects() {
        return jdbc.query("select project_key from project_view order by project_key",
                        (rs, row) -> rs.getString(1)).stream()
                .map(this::project).flatMap(Optional::stream).toList();
    }

    /**
     * The project row first, then its environments: both are written in one transaction, so once
     * the row is visible its environments are too. The other order could pair a project with none.
     */
    public Optional<ProjectView> project(String key) {
        return jdbc.query("select project_key, name, description, version, created_at, updated_at from project_view"
                        + " where project_key = ?",
                (rs, row) -> new ProjectView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        utc(rs, 5), utc(rs, 6), List.of()), key).stream().findFirst()
                .map(project -> new ProjectView(project.key(), project.name(), project.description(), project.version(),
                        project.createdAt(), project.updatedAt(), environments(key)));
    }

    private List<EnvironmentView> environments(String projectKey) {
        return jdbc.query(
                "select environment_key, name, require_reason from environment_view where project_key = ? order by position",
                (rs, row) -> new EnvironmentView(rs.getString(1), rs.getString(2), rs.getBoolean(3)), projectKey);
    }

    public Optional<FlagView> flag(String projectKey, String flagKey) {
        return jdbc.query("select " + FLAG_COLUMNS + " from flag_view f where f.project_key = ? and f.flag_key = ?",
                (rs, row) -> flag(rs), projectKey, flagKey).stream().findFirst();
    }

    public Optional<FlagView> flagById(String flagId) {
        return jdbc.query("select " + FLAG_COLUMNS + " from flag_view f where f.flag_id = ?",
                (rs, row) -> flag(rs), flagId).stream().findFirst();
    }

    /**
     * Flags of a project ordered by key, starting after {@code afterKey}: keyset pagination, so a page
     * costs the same however deep it is and concurrent inserts never shift it.
     */
    public FlagPage flags(String projectKey, FlagFilter filter, int first, String afterKey) {
        StringBuilder where = new StringBuilder(" from flag_view f where f.project_key = ?");
        List<Object> args = new ArrayList<>(List.of(projectKey));
        where.append(" and f.archived = ?");
        args.add(filter.archived() != null && filter.archived());
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (lower(f.flag_key) like ? escape '\\' or lower(f.name) like ? escape '\\'"
                    + " or lower(f.description) like ? escape '\\')");
            String pattern = "%" + likeEscaped(filter.text().strip().toLowerCase(Locale.ROOT)) + "%";
            args.addAll(List.of(pattern, pattern, pattern));
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.append(" and exists (select 1 from flag_tag_view t where t.flag_id = f.flag_id and t.tag = ?)");
            args.add(filter.tag());
        }
        Integer total = jdbc.queryForObject("select count(*)" + where, Integer.class, args.toArray());
        if (afterKey != null) {
            where.append(" and f.flag_key > ?");
            args.add(afterKey);
        }
        args.add(first + 1);
        List<FlagView> flags = jdbc.query("select " + FLAG_COLUMNS + where + " order by f.flag_key limit ?",
                (rs, row) -> flag(rs), args.toArray());
        boolean hasNext = flags.size() > first;
        return new FlagPage(hasNext ? flags.subList(0, first) : flags, hasNext, total == null ? 0 : total);
    }

    /**
     * Waits until the read model has applied a flag's events up to {@code version}: lets a mutation
     * answer with the state it produced, although the projection runs asynchronously.
     */
    public Optional<FlagView> awaitFlag(String flagId, long version, Duration timeout) {
        return await(() -> flagById(flagId).filter(flag -> flag.version() >= version), timeout);
    }

    public Optional<ProjectView> awaitProject(String projectKey, long version, Duration timeout) {
        return await(() -> project(projectKey).filter(project -> project.version() >= version), timeout);
    }

    private <T> Optional<T> await(java.util.function.Supplier<Optional<T>> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = signal.generation();
            Optional<T> found = probe.get();
            long remaining = deadline - System.nanoTime();
            if (found.isPresent() || remaining <= 0) return found;
            try {
                signal.awaitChangeAfter(seen, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private FlagView flag(ResultSet rs) throws SQLException {
        String flagId = rs.getString("flag_id");
        return new FlagView(flagId, rs.getString("project_key"), rs.getString("flag_key"), rs.getString("name"),
                rs.getString("description"), JsonColumns.readList(rs.getString("tags"), STRINGS),
                rs.getString("value_type"), JsonColumns.readList(rs.getString("variations"), VARIATIONS),
                environmentsOf(flagId, rs.getString("project_key")), rs.getBoolean("archived"), rs.getLong("version"),
                utc(rs, "created_at"), utc(rs, "updated_at"), rs.getString("kind"));
    }

    /** In the project's environment order, so every listing shows development before production. */
    private List<FlagEnvironmentView> environmentsOf(String flagId, String projectKey) {
        Map<String, FlagEnvironmentView> byKey = new LinkedHashMap<>();
        jdbc.query("select fe.environment_key, fe.enabled, fe.default_variation, fe.off_variation, fe.targeting"
                        + " from flag_environment_view fe join environment_view e"
                        + " on e.project_key = ? and e.environment_key = fe.environment_key"
                        + " where fe.flag_id = ? order by e.position",
                rs -> {
                    byKey.put(rs.getString(1), new FlagEnvironmentView(rs.getString(1), rs.getBoolean(2),
                            rs.getString(3), rs.getString(4),
                            JsonColumns.read(rs.getString(5), dev.flagledger.domain.flag.Targeting.class)));
                }, projectKey, flagId);
        return List.copyOf(byKey.values());
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
