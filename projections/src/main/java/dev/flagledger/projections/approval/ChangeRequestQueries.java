package dev.flagledger.projections.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.approval.ProposedChange;
import dev.flagledger.domain.approval.ProposedCommand;
import dev.flagledger.domain.project.EnvironmentProtection;
import dev.flagledger.projections.flag.ReadModelSignal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.flagledger.projections.flag.TimeColumns.utc;

/** Reads of the change requests read model, and the approved requests that are due. */
@Component
public class ChangeRequestQueries {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<List<ProposedCommand>> COMMANDS = new TypeReference<>() {
    };
    private static final TypeReference<List<ProposedChange>> DIFF = new TypeReference<>() {
    };
    private final JdbcTemplate jdbc;
    private final ReadModelSignal signal;

    public ChangeRequestQueries(JdbcTemplate jdbc, ReadModelSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    public record Filter(String projectKey, String environment, String status) {
    }

    /** An approved request with an apply time: what the dispatcher keeps a timer for. */
    public record Due(String changeRequestId, Instant applyAt) {
    }

    public Optional<ChangeRequestView> byId(String id) {
        return jdbc.query("select * from change_request where change_request_id = ?", (rs, row) -> view(rs), id)
                .stream().findFirst();
    }

    /** Newest first; {@code afterPosition} is the cursor (the opening event's position). */
    public List<ChangeRequestView> list(Filter filter, int size, Long afterPosition) {
        StringBuilder sql = new StringBuilder("select * from change_request where project_key = ?");
        List<Object> args = new ArrayList<>(List.of(filter.projectKey()));
        if (filter.environment() != null) {
            sql.append(" and environment_key = ?");
            args.add(filter.environment());
        }
        if (filter.status() != null) {
            sql.append(" and status = ?");
            args.add(filter.status());
        }
        if (afterPosition != null) {
            sql.append(" and opened_position < ?");
            args.add(afterPosition);
        }
        sql.append(" order by opened_position desc limit ?");
        args.add(size + 1);
        return jdbc.query(sql.toString(), (rs, row) -> view(rs), args.toArray());
    }

    public List<Due> earliestDue(int limit) {
        return jdbc.query("select change_request_id, apply_at from change_request where status = 'APPROVED'"
                        + " and apply_at is not null order by apply_at, change_request_id limit ?",
                (rs, row) -> new Due(rs.getString(1), utc(rs, "apply_at").toInstant()), limit);
    }

    /** Waits (bounded) until the read model has the request at {@code version} or later. */
    public Optional<ChangeRequestView> await(String id, long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = signal.generation();
            Optional<ChangeRequestView> found = byId(id).filter(view -> view.version() >= version);
            long remaining = deadline - System.nanoTime();
            if (found.isPresent() || remaining <= 0) return found.or(() -> byId(id));
            try {
                signal.awaitChangeAfter(seen, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return byId(id);
            }
        }
    }

    static List<ChangeRequestView.Review> reviews(String json) {
        return read(json, ChangeRequestProjection.REVIEWS);
    }

    private static ChangeRequestView view(ResultSet rs) throws SQLException {
        String rejection = rs.getString("rejection");
        return new ChangeRequestView(rs.getString("change_request_id"), rs.getString("project_key"),
                rs.getString("environment_key"), rs.getString("kind"), rs.getString("title"), rs.getString("ticket"),
                rs.getString("reason"), rs.getString("status"),
                new ChangeRequestView.Person(rs.getString("author_subject"), rs.getString("author_name")),
                utc(rs, "opened_at"), utc(rs, "updated_at"), utc(rs, "apply_at"),
                utc(rs, "applied_at"), rs.getBoolean("break_glass"),
                rs.getString("applied_by_subject") == null ? null
                        : new ChangeRequestView.Person(rs.getString("applied_by_subject"), rs.getString("applied_by_name")),
                rs.getString("failure"), rs.getInt("required_approvals"),
                read(rs.getString("policy"), new TypeReference<EnvironmentProtection>() {
                }), reviews(rs.getString("approvals")),
                rejection == null ? null : read(rejection, new TypeReference<ChangeRequestView.Review>() {
                }), read(rs.getString("commands"), COMMANDS), read(rs.getString("diff"), DIFF),
                rs.getLong("version"), rs.getLong("opened_position"));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read change request column", e);
        }
    }
}
