package dev.flagledger.projections.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Results computed on the snapshot schedule: the history behind "confidence intervals over time". */
@Component
public class ResultSnapshots {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final JdbcTemplate jdbc;

    public ResultSnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void store(String experimentId, ExperimentResults results) {
        try {
            jdbc.update("insert into experiment_result_snapshot (experiment_id, computed_at, results) values (?, ?, ?)",
                    experimentId, Timestamp.from(results.computedAt()), JSON.writeValueAsString(results));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store results", e);
        }
    }

    /** The last {@code count} snapshots, oldest first. */
    public List<ExperimentResults> history(String experimentId, int count) {
        List<ExperimentResults> newestFirst = new ArrayList<>(jdbc.query("select results from experiment_result_snapshot"
                + " where experiment_id = ? order by computed_at desc limit ?", (rs, row) -> read(rs.getString(1)),
                experimentId, count));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public java.util.Optional<java.time.Instant> latest(String experimentId) {
        Timestamp last = jdbc.queryForObject("select max(computed_at) from experiment_result_snapshot where experiment_id = ?",
                Timestamp.class, experimentId);
        return java.util.Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    private static ExperimentResults read(String json) {
        try {
            return JSON.readValue(json, ExperimentResults.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored results", e);
        }
    }
}
