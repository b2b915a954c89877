package dev.flagledger.server.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The flag life cycle through GraphQL, as an admin sees it; run on every store. */
public abstract class FlagLifecycleSpec extends ServerSpec {
    @org.springframework.beans.factory.annotation.Autowired
    private PersonalData personal;

    @Test
    void a_toggle_in_production_with_a_reason_advances_the_version_and_is_recorded_with_its_metadata() throws Exception {
        JsonNode flag = createBooleanFlag("new-checkout");
        assertThat(flag.path("version").asLong()).isZero();

        GraphQl.Response toggled = toggle("new-checkout", "production", true, 0, "launch for everyone");

        assertThat(toggled.ok()).as(toggled.body().toString()).isTrue();
        assertThat(toggled.data("toggleFlag.flag.version").asLong()).isEqualTo(1);
        assertThat(toggled.data("toggleFlag.flag.environment.enabled").asBoolean()).isTrue();
        byte[] metadata = jdbc.queryForObject("select metadata from domainevententry where aggregateidentifier = ?"
                + " and sequencenumber = 1", byte[].class, flag.path("id").asText());
        JsonNode recorded = new ObjectMapper().readTree(new String(metadata, StandardCharsets.UTF_8));
        assertThat(recorded.path("actorSubject").asText()).isEqualTo("local:admin");
        // The name is personal data: stored sealed under the actor's subject key (docs/privacy.md).
        assertThat(recorded.path("actorName").asText()).startsWith(PersonalValue.PREFIX).doesNotContain("administrator");
        assertThat(personal.open(recorded.path("actorName").asText())).isEqualTo("Local administrator");
        assertThat(recorded.path("actorAuthentication").asText()).isEqualTo("password");
        assertThat(recorded.path("reason").asText()).isEqualTo("launch for everyone");
        assertThat(recorded.path("origin").asText()).isEqualTo("api");
        assertThat(recorded.path("correlationId").asText()).isNotBlank();
        assertThat(recorded.path("decidedAgainstVersion").asLong()).isZero();
    }

    @Test
    void a_multivariate_flag_keeps_typed_variations_and_serves_the_chosen_defaults() {
        GraphQl.Response created = graphql.execute("""
                mutation($project: String!) {
                  createFlag(input: {projectKey: $project, key: "checkout-theme", name: "Theme", valueType: JSON,
                    variations: [{key: "classic", value: {color: "blue", size: 1.5}}, {key: "bold", value: [1, 2]}],
                    defaultVariation: "bold", offVariation: "classic"}) {
                    flag { valueType variations { key value } environments { key defaultVariation offVariation } }
                  }
                }""", Map.of("project", project));
        assertThat(created.ok()).as(created.body().toString()).isTrue();
        JsonNode flag = created.data("createFlag.flag");
        assertThat(flag.path("variations").get(0).path("value").path("size").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(flag.path("environments").get(2).path("defaultVariation").asText()).isEqualTo("bold");
        assertThat(flag.path("environments").get(2).path("offVariation").asText()).isEqualTo("classic");
    }

    @Test
    void variations_defaults_details_archive_and_restore_each_move_the_version_by_one() {
        createBooleanFlag("beta-banner");
        long version = 0;
        version = expectVersion(graphql.execute("""
                mutation($p: String!, $v: Int!) { setFlagVariations(input: {projectKey: $p, key: "beta-banner",
                  expectedVersion: $v, reason: "add a dark launch variation",
                  variations: [{key: "on", value: true}, {key: "off", value: false}, {key: "shadow", value: false}]})
                  { flag { version variations { key } } } }""", Map.of("p", project, "v", version)),
                "setFlagVariations", version + 1);
        version = expectVersion(graphql.execute("""
                mutation($p: String!, $v: Int!) { setOffVariation(input: {projectKey: $p, key: "beta-banner",
                  environment: "staging", variation: "shadow", expectedVersion: $v}) { flag { version } } }""",
                Map.of("p", project, "v", version)), "setOffVariation", version + 1);
        version = expectVersion(graphql.execute("""
                mutation($p: String!, $v: Int!) { updateFlagDetails(input: {projectKey: $p, key: "beta-banner",
                  name: "Beta banner", description: "Shows the beta banner", tags: ["ui", "growth"],
                  expectedVersion: $v}) { flag { version } } }""", Map.of("p", project, "v", version)),
                "updateFlagDetails", version + 1);
        version = expectVersion(graphql.execute("""
                mutation($p: String!, $v: Int!) { archiveFlag(input: {projectKey: $p, key: "beta-banner",
                  expectedVersion: $v, reason: "done"}) { flag { version archived } } }""",
                Map.of("p", project, "v", version)), "archiveFlag", version + 1);
        expectVersion(graphql.execute("""
                mutation($p: String!, $v: Int!) { restoreFlag(input: {projectKey: $p, key: "beta-banner",
                  expectedVersion: $v, reason: "not done"}) { flag { version archived } } }""",
                Map.of("p", project, "v", version)), "restoreFlag", version + 1);

        JsonNode flag = graphql.execute("query($p: String!) { flag(projectKey: $p, key: \"beta-banner\") {"
                + " name tags archived environment(key: \"staging\") { offVariation } } }", Map.of("p", project))
                .data("flag");
        assertThat(flag.path("name").asText()).isEqualTo("Beta banner");
        assertThat(flag.path("archived").asBoolean()).isFalse();
        assertThat(flag.path("environment").path("offVariation").asText()).isEqualTo("shadow");
    }

    @Test
    void flags_are_listed_by_key_filtered_and_paged_as_a_relay_connection() {
        for (String key : List.of("alpha", "bravo", "charlie", "delta")) createBooleanFlag(key);
        graphql.execute("""
                mutation($p: String!) { updateFlagDetails(input: {projectKey: $p, key: "charlie", name: "Charlie",
                  description: "Payment retries", tags: ["payments"], expectedVersion: 0}) { flag { key } } }""",
                Map.of("p", project));
        graphql.execute("mutation($p: String!) { archiveFlag(input: {projectKey: $p, key: \"delta\","
                + " expectedVersion: 0, reason: \"gone\"}) { flag { key } } }", Map.of("p", project));

        String page = "query($p: String!, $after: String, $filter: FlagFilter) { flags(projectKey: $p, first: 2,"
                + " after: $after, filter: $filter) { totalCount edges { node { key } } pageInfo { hasNextPage endCursor } } }";
        JsonNode first = graphql.execute(page, Map.of("p", project)).data("flags");
        assertThat(keys(first)).containsExactly("alpha", "bravo");
        assertThat(first.path("totalCount").asInt()).isEqualTo(3);
        assertThat(first.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        JsonNode second = graphql.execute(page, Map.of("p", project,
                "after", first.path("pageInfo").path("endCursor").asText())).data("flags");
        assertThat(keys(second)).containsExactly("charlie");
        assertThat(second.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();

        assertThat(keys(graphql.execute(page, Map.of("p", project, "filter", Map.of("text", "PAYMENT"))).data("flags")))
                .containsExactly("charlie");
        assertThat(keys(graphql.execute(page, Map.of("p", project, "filter", Map.of("tag", "payments"))).data("flags")))
                .containsExactly("charlie");
        assertThat(keys(graphql.execute(page, Map.of("p", project, "filter", Map.of("archived", true))).data("flags")))
                .containsExactly("delta");
    }

    @Test
    void an_environment_added_later_appears_on_existing_flags_with_their_defaults() {
        createBooleanFlag("late-env");
        GraphQl.Response added = graphql.execute("""
                mutation($p: String!) { addEnvironment(input: {projectKey: $p, key: "qa", name: "QA", expectedVersion: 0})
                  { project { version environments { key } } } }""", Map.of("p", project));
        assertThat(added.ok()).as(added.body().toString()).isTrue();
        GraphQl.Response renamed = graphql.execute("""
                mutation($p: String!) { renameEnvironment(input: {projectKey: $p, key: "qa", name: "Quality",
                  expectedVersion: 1}) { project { version environments { key name } } } }""", Map.of("p", project));
        assertThat(renamed.data("renameEnvironment.project.version").asLong()).isEqualTo(2);
        assertThat(toggle("late-env", "qa", true, 0, null).ok()).isTrue();
        JsonNode environments = graphql.execute("query($p: String!) { flag(projectKey: $p, key: \"late-env\")"
                + " { environments { key enabled defaultVariation } } }", Map.of("p", project)).data("flag.environments");
        assertThat(environments).hasSize(4);
        assertThat(environments.get(3).path("key").asText()).isEqualTo("qa");
        assertThat(environments.get(3).path("enabled").asBoolean()).isTrue();
    }

    private static long expectVersion(GraphQl.Response response, String mutation, long expected) {
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        assertThat(response.data(mutation + ".flag.version").asLong()).isEqualTo(expected);
        return expected;
    }

    private static List<String> keys(JsonNode connection) {
        return java.util.stream.StreamSupport.stream(connection.path("edges").spliterator(), false)
                .map(edge -> edge.path("node").path("key").asText()).toList();
    }
}
