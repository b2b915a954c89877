package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.output.Yaml;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plans as terraform plans: the same files plan nothing; each kind of edit plans exactly its change. */
class PlannerTest {
    private static ObjectNode canonical(String yaml) throws Exception {
        ObjectNode read = (ObjectNode) Yaml.MAPPER.readTree(yaml);
        return ProjectFiles.canonical(read);
    }

    private static ServerState server(ObjectNode document) {
        return new ServerState(document, Map.of(), Map.of(), 0);
    }

    private static List<String> summary(Plan plan) {
        return plan.actions().stream().map(a -> a.verb() + " " + a.kind() + " " + a.key() + " "
                + a.changes().stream().map(Change::path).toList()).toList();
    }

    @Test
    void the_same_files_plan_nothing() throws Exception {
        ObjectNode files = canonical(ProjectFilesTest.PROJECT);
        assertThat(Planner.plan(files, server(files)).hasChanges()).isFalse();
    }

    @Test
    void an_empty_server_plans_the_project_its_environments_and_everything_in_it() throws Exception {
        Plan plan = Planner.plan(canonical(ProjectFilesTest.PROJECT), null);
        assertThat(plan.actions()).extracting(a -> a.verb() + " " + a.kind() + " " + a.key())
                .containsExactly("create project shop", "update environment development", "update environment production",
                        "create segment beta", "create flag checkout");
        assertThat(plan.warnings()).singleElement().asString().contains("staging");
    }

    @Test
    void each_edit_plans_exactly_its_change_and_what_the_files_drop_is_archived() throws Exception {
        ObjectNode before = canonical(ProjectFilesTest.PROJECT.replace("included: [alice]", "included: [alice]\n  - key: old"));
        ObjectNode after = canonical(ProjectFilesTest.PROJECT.replace("enabled: true", "enabled: false")
                .replace("tags: [payments]", "tags: [payments, web]"));
        assertThat(summary(Planner.plan(after, server(before)))).containsExactly(
                "archive segment old []",
                "update flag checkout [tags, environments.production.enabled]");
    }

    @Test
    void a_type_change_is_refused_as_bad_input() throws Exception {
        ObjectNode before = canonical(ProjectFilesTest.PROJECT);
        ObjectNode after = canonical(ProjectFilesTest.PROJECT.replace("type: boolean", "type: string")
                .replace("value: true", "value: \"t\"").replace("value: false", "value: \"f\""));
        assertThatThrownBy(() -> Planner.plan(after, server(before))).isInstanceOf(CliException.class)
                .hasMessageContaining("type cannot change");
    }
}
