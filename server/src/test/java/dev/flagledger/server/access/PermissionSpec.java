package dev.flagledger.server.access;

import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3 of issue 5 with tokens as Keycloak maps them (realm roles, client roles, groups): each
 * refusal is FORBIDDEN and writes nothing; what the same people are allowed to do still works, so
 * a refusal is about the permission and not about a broken token. {@code KeycloakSignInIT} repeats
 * the cases with the real Keycloak.
 */
public abstract class PermissionSpec extends ServerSpec {
    private String otherProject;

    @BeforeEach
    void aSecondProjectAndAFlag() {
        otherProject = "q-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQl.Response created = graphql.execute("mutation($key: String!) { createProject(input: {key: $key, name: \"Other\"}) { project { key } } }",
                Map.of("key", otherProject));
        assertThat(created.ok()).as(created.body().toString()).isTrue();
        createBooleanFlag("checkout");
    }

    private GraphQl as(TestTokens user) {
        return GraphQl.withBearer("http://localhost:" + port, user.signed());
    }

    private GraphQl.Response toggleAs(GraphQl caller, String projectKey, String environment) {
        return caller.execute("""
                mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", projectKey, "key", "checkout", "environment", environment,
                        "enabled", true, "expectedVersion", 0, "reason", "test")));
    }

    private void assertForbiddenAndNothingWritten(long before, GraphQl.Response response) {
        assertThat(response.errorCode()).as(response.body().toString()).isEqualTo("FORBIDDEN");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_viewer_reads_but_mutating_is_forbidden_and_writes_nothing() {
        GraphQl carol = as(TestTokens.user("Carol Viewer").group("/flagledger/viewer"));
        assertThat(carol.execute("query($p: String!) { flag(projectKey: $p, key: \"checkout\") { key } }",
                Map.of("p", project)).ok()).isTrue();

        long before = eventCount();
        assertForbiddenAndNothingWritten(before, toggleAs(carol, project, "staging"));
    }

    @Test
    void a_staging_editor_toggles_staging_but_toggling_production_is_forbidden_and_writes_nothing() {
        GraphQl bob = as(TestTokens.user("Bob Editor").group("/flagledger/projects/" + project + "/staging/editor"));

        long before = eventCount();
        assertForbiddenAndNothingWritten(before, toggleAs(bob, project, "production"));
        GraphQl.Response staging = toggleAs(bob, project, "staging");
        assertThat(staging.ok()).as(staging.body().toString()).isTrue();
    }

    @Test
    void an_editor_of_one_project_touching_another_is_forbidden_and_writes_nothing() {
        GraphQl editor = as(TestTokens.user("Erin Editor").clientRole("editor:" + project));

        long before = eventCount();
        GraphQl.Response response = editor.execute("""
                mutation($p: String!) {
                  createFlag(input: {projectKey: $p, key: "sneaky", name: "Sneaky", valueType: BOOLEAN}) { flag { id } }
                }""", Map.of("p", otherProject));
        assertForbiddenAndNothingWritten(before, response);
        assertThat(toggleAs(editor, project, "production").ok()).isTrue();
    }

    @Test
    void a_project_editor_creating_an_sdk_key_is_forbidden_and_writes_nothing() {
        GraphQl editor = as(TestTokens.user("Erin Editor").realmRole("flagledger:editor:" + project));

        long before = eventCount();
        GraphQl.Response response = editor.execute("""
                mutation($p: String!) {
                  createSdkKey(input: {projectKey: $p, environment: "production", kind: SERVER, name: "k"}) { secret }
                }""", Map.of("p", project));
        assertForbiddenAndNothingWritten(before, response);
        assertThat(editor.execute("query($p: String!) { sdkKeys(projectKey: $p) { id } }", Map.of("p", project))
                .errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_production_admin_revokes_its_own_keys_but_a_key_of_another_environment_is_not_found() {
        String create = """
                mutation($p: String!, $e: String!) {
                  createSdkKey(input: {projectKey: $p, environment: $e, kind: SERVER, name: "k", reason: "new service"}) { key { id } }
                }""";
        String productionKey = graphql.execute(create, Map.of("p", project, "e", "production"))
                .data("createSdkKey.key.id").asText();
        String stagingKey = graphql.execute(create, Map.of("p", project, "e", "staging"))
                .data("createSdkKey.key.id").asText();
        GraphQl pat = as(TestTokens.user("Pat Admin").group("/flagledger/projects/" + project + "/production/admin"));
        String revoke = """
                mutation($p: String!, $e: String!, $id: ID!) {
                  revokeSdkKey(input: {projectKey: $p, environment: $e, id: $id, reason: "rotate"}) { key { revoked } }
                }""";

        long before = eventCount();
        assertForbiddenAndNothingWritten(before, pat.execute(revoke, Map.of("p", project, "e", "staging", "id", stagingKey)));
        GraphQl.Response disguised = pat.execute(revoke, Map.of("p", project, "e", "production", "id", stagingKey));
        assertThat(disguised.errorCode()).as(disguised.body().toString()).isEqualTo("NOT_FOUND");
        assertThat(eventCount()).isEqualTo(before);

        GraphQl.Response revoked = pat.execute(revoke, Map.of("p", project, "e", "production", "id", productionKey));
        assertThat(revoked.ok()).as(revoked.body().toString()).isTrue();
        assertThat(revoked.data("revokeSdkKey.key.revoked").asBoolean()).isTrue();
    }

    @Test
    void a_user_with_no_roles_lists_no_projects_and_is_not_refused() {
        GraphQl nobody = as(TestTokens.user("Dave Nobody"));

        GraphQl.Response projects = nobody.execute("{ projects { key } }");

        assertThat(projects.ok()).as(projects.body().toString()).isTrue();
        assertThat(projects.data("projects")).isEmpty();
    }

    @Test
    void the_project_list_shows_exactly_the_projects_a_caller_holds_a_grant_on() {
        GraphQl bob = as(TestTokens.user("Bob Editor").group("/flagledger/projects/" + project + "/staging/editor"));

        GraphQl.Response projects = bob.execute("{ projects { key } }");

        assertThat(projects.data("projects").findValuesAsText("key")).isEqualTo(List.of(project));
    }

    @Test
    void creating_a_project_needs_a_global_admin() {
        GraphQl projectAdmin = as(TestTokens.user("Pat Admin").realmRole("flagledger:admin:" + project));

        long before = eventCount();
        assertForbiddenAndNothingWritten(before, projectAdmin.execute(
                "mutation { createProject(input: {key: \"" + otherProject + "-x\", name: \"X\"}) { project { key } } }"));
    }
}
