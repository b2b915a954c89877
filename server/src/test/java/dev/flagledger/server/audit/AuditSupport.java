package dev.flagledger.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.projections.audit.AuditTrailProjection;
import dev.flagledger.server.support.GraphQl;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of the audit specs: follow the audit processor, rebuild it, dump its tables. */
final class AuditSupport {
    private AuditSupport() {
    }

    static JsonNode readModel(GraphQl graphql) {
        for (JsonNode model : graphql.execute("{ readModels { name running replaying position headPosition } }")
                .data("readModels"))
            if (model.path("name").asText().equals(AuditTrailProjection.PROCESSING_GROUP)) return model;
        throw new AssertionError("no audit-trail read model listed");
    }

    static void awaitCaughtUp(GraphQl graphql) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode model = readModel(graphql);
            if (model.path("position").asLong() == model.path("headPosition").asLong()
                    && !model.path("replaying").asBoolean()) return;
            Thread.sleep(20);
        }
        throw new AssertionError("audit trail did not catch up: " + readModel(graphql));
    }

    static void rebuild(GraphQl graphql) {
        GraphQl.Response rebuild = graphql.execute("mutation { rebuildReadModel(input: {name: \"%s\", reason: \"test\"})"
                .formatted(AuditTrailProjection.PROCESSING_GROUP) + " { readModel { name } } }");
        assertThat(rebuild.ok()).as(rebuild.body().toString()).isTrue();
    }

    /** Every entry and every kept aggregate state, as text, in a fixed order. */
    static List<Map<String, String>> dump(JdbcTemplate jdbc) {
        return java.util.stream.Stream.concat(
                        jdbc.queryForList("select * from audit_entry order by position").stream(),
                        jdbc.queryForList("select * from audit_aggregate_state order by aggregate_id").stream())
                .map(row -> {
                    Map<String, String> normalised = new TreeMap<>();
                    row.forEach((column, value) -> normalised.put(column.toLowerCase(), Objects.toString(value)));
                    return normalised;
                })
                .toList();
    }
}
