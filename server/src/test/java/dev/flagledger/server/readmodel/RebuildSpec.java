package dev.flagledger.server.readmodel;

import dev.flagledger.projections.flag.FlagStateProjection;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model is disposable: drop it, replay the store, get exactly the same state. */
public abstract class RebuildSpec extends ServerSpec {
    private static final List<String> TABLES = List.of(
            "select * from project_view order by project_key",
            "select * from environment_view order by project_key, environment_key",
            "select * from flag_view order by flag_id",
            "select * from flag_tag_view order by flag_id, tag",
            "select * from flag_environment_view order by flag_id, environment_key");

    @Test
    void dropping_the_read_model_and_rebuilding_it_from_the_events_gives_exactly_the_same_state() throws Exception {
        createBooleanFlag("rebuilt-a");
        createBooleanFlag("rebuilt-b");
        assertThat(toggle("rebuilt-a", "production", true, 0, "launch").ok()).isTrue();
        graphql.execute("""
                mutation($p: String!) { updateFlagDetails(input: {projectKey: $p, key: "rebuilt-b", name: "B",
                  tags: ["x", "y"], expectedVersion: 0}) { flag { version } } }""", Map.of("p", project));
        graphql.execute("mutation($p: String!) { addEnvironment(input: {projectKey: $p, key: \"qa\", name: \"QA\","
                + " expectedVersion: 0}) { project { version } } }", Map.of("p", project));
        awaitCaughtUp();
        List<List<Map<String, Object>>> before = dump();
        assertThat(before.get(2)).isNotEmpty();

        GraphQl.Response rebuild = graphql.execute("mutation { rebuildReadModel(input: {name: \"%s\", reason: \"test\"})"
                .formatted(FlagStateProjection.PROCESSING_GROUP) + " { readModel { name running } } }");
        assertThat(rebuild.ok()).as(rebuild.body().toString()).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!dump().equals(before) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(dump()).isEqualTo(before);
        awaitCaughtUp();
    }

    @Test
    void read_models_report_their_position_against_the_head_of_the_store() throws Exception {
        createBooleanFlag("progress");
        awaitCaughtUp();
        var model = readModel();
        assertThat(model.path("running").asBoolean()).isTrue();
        assertThat(model.path("position").asLong()).isEqualTo(model.path("headPosition").asLong());
        assertThat(model.path("progress").asDouble()).isEqualTo(1.0);
    }

    private com.fasterxml.jackson.databind.JsonNode readModel() {
        for (var model : graphql.execute("{ readModels { name running replaying position headPosition progress } }")
                .data("readModels"))
            if (model.path("name").asText().equals(FlagStateProjection.PROCESSING_GROUP)) return model;
        throw new AssertionError("no flag-state read model listed");
    }

    private void awaitCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var model = readModel();
            if (model.path("position").asLong() == model.path("headPosition").asLong()
                    && !model.path("replaying").asBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("read model did not catch up: " + readModel());
    }

    private List<List<Map<String, Object>>> dump() {
        return TABLES.stream().map(sql -> jdbc.queryForList(sql).stream()
                .map(row -> {
                    Map<String, Object> normalised = new java.util.TreeMap<>();
                    row.forEach((column, value) -> normalised.put(column.toLowerCase(), Objects.toString(value)));
                    return (Map<String, Object>) normalised;
                }).toList()).toList();
    }
}
