package dev.flagledger.server.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, acceptance 1, 2 and 7 (change requests): protected environments, reviews, apply, conflicts. */
public abstract class ApprovalSpec extends ApprovalSupport {

    @Test
    void a_direct_mutation_by_an_editor_in_a_protected_environment_opens_a_change_request_and_changes_nothing() {
        JsonNode flag = createBooleanFlag("checkout");
        protect("production", 2, Map.of());
        long events = eventsOf(flag.path("id").asText());
        TestTokens bob = editor("Bob Editor");

        GraphQl.Response response = toggleAs(as(bob), "checkout", "production", true, 0);

        assertThat(response.ok()).as(response.body().toString()).isTrue();
        JsonNode request = response.data("toggleFlag.changeRequest");
        assertThat(request.path("status").asText()).isEqualTo("OPEN");
        assertThat(request.path("kind").asText()).isEqualTo("CHANGE");
        assertThat(request.path("environment").asText()).isEqualTo("production");
        assertThat(request.path("author").path("subject").asText()).isEqualTo(bob.subject());
        assertThat(request.path("reason").asText()).isEqualTo("ship it (JIRA-7)");
        assertThat(request.path("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(request.path("commands")).hasSize(1);
        assertThat(request.path("commands").get(0).path("commandType").asText()).endsWith(".ToggleFlag");
        assertThat(request.path("commands").get(0).path("basedOnVersion").asLong()).isZero();
        assertThat(request.path("diff")).hasSize(1);
        JsonNode line = request.path("diff").get(0);
        assertThat(line.path("subjectKind").asText()).isEqualTo("FLAG");
        assertThat(line.path("subjectKey").asText()).isEqualTo("checkout");
        assertThat(line.path("field").asText()).isEqualTo("environments.production.enabled");
        assertThat(line.path("before").asText()).isEqualTo("false");
        assertThat(line.path("after").asText()).isEqualTo("true");

        assertThat(response.data("toggleFlag.flag.version").asLong()).isZero();
        assertThat(enabled("checkout", "production")).isFalse();
        assertThat(eventsOf(flag.path("id").asText())).as("nothing recorded on the flag").isEqualTo(events);
        assertThat(eventsOf(request.path("id").asText())).as("only the request was opened").isEqualTo(1);

        // An unprotected environment still changes directly.
        GraphQl.Response staging = toggleAs(as(bob), "checkout", "staging", true, 0);
        assertThat(staging.data("toggleFlag.changeRequest").isNull()).isTrue();
        assertThat(enabled("checkout", "staging")).isTrue();
    }

    @Test
    void protecting_an_environment_answers_with_the_projects_new_version_and_later_reads_see_it() {
        long before = projectVersion();

        GraphQl.Response response = graphql.execute("""
                mutation($input: SetEnvironmentProtectionInput!) { setEnvironmentProtection(input: $input) { project { version } } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "production",
                        "protection", Map.of("requiredApprovals", 1), "expectedVersion", before, "reason", "protect")));

        assertThat(response.ok()).as(response.body().toString()).isTrue();
        assertThat(response.data("setEnvironmentProtection.project.version").asLong()).isEqualTo(before + 1);
        assertThat(projectVersion()).isEqualTo(before + 1);
        // A second change based on what the read model says is not a conflict.
        protect("production", 2, Map.of());
        assertThat(projectVersion()).isEqualTo(before + 2);
    }

    @Test
    void authors_may_not_approve_their_own_change() {
        createBooleanFlag("self");
        protect("production", 1, Map.of());
        TestTokens both = TestTokens.user("Erin Both").realmRole("flagledger:editor:" + project)
                .realmRole("flagledger:approver:" + project);
        String id = toggleAs(as(both), "self", "production", true, 0).data("toggleFlag.changeRequest.id").asText();

        GraphQl.Response approved = review(as(both), "approveChangeRequest", "production", id, "lgtm");

        assertThat(approved.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(request(id).path("status").asText()).isEqualTo("OPEN");
        assertThat(request(id).path("approvals")).isEmpty();
        assertThat(enabled("self", "production")).isFalse();
    }

    @Test
    void with_two_required_approvals_the_change_applies_only_after_the_second_and_its_events_name_both_approvers() {
        JsonNode flag = createBooleanFlag("two");
        protect("production", 2, Map.of());
        TestTokens bob = editor("Bob Editor");
        TestTokens ann = approver("Ann Approver");
        TestTokens carl = approver("Carl Approver");
        String id = toggleAs(as(bob), "two", "production", true, 0).data("toggleFlag.changeRequest.id").asText();

        JsonNode first = review(as(ann), "approveChangeRequest", "production", id, "looks right")
                .data("approveChangeRequest.changeRequest");
        assertThat(first.path("status").asText()).isEqualTo("OPEN");
        assertThat(first.path("approvals")).hasSize(1);
        assertThat(enabled("two", "production")).as("one approval of two applies nothing").isFalse();

        JsonNode second = review(as(carl), "approveChangeRequest", "production", id, "ok")
                .data("approveChangeRequest.changeRequest");
        assertThat(second.path("status").asText()).isEqualTo("APPLIED");
        assertThat(second.path("approvals")).extracting(node -> node.path("subject").asText())
                .containsExactly(ann.subject(), carl.subject());
        assertThat(second.path("appliedBy").path("subject").asText()).isEqualTo(carl.subject());
        // The flag read model follows the applied change asynchronously (the mutation's read-your-write
        // wait gives up after 5 s; a full run at load 13-17 read it before it caught up).
        Eventually.await(() -> enabled("two", "production"), "production shows the applied toggle");

        awaitAudited(flag.path("id").asText(), "FlagToggled");
        awaitAudited(id, "ChangeRequestApplied");
        List<String> toggled = storedMetadata(flag.path("id").asText(), "FlagToggled");
        assertThat(toggled).hasSize(1);
        assertThat(toggled.get(0)).contains("\"changeRequestId\":\"" + id + "\"", ann.subject(), carl.subject(),
                "\"actorSubject\":\"" + bob.subject() + "\"", "ship it (JIRA-7)");
        JsonNode audit = graphql.execute("""
                query($p: String!) { auditTrail(filter: {projectKey: $p, flagKey: "two", eventTypes: ["FlagToggled"]}, first: 5) {
                  edges { node { actor { subject } correlationId changes { field before after } } } } }""",
                Map.of("p", project)).data("auditTrail.edges");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("node").path("actor").path("subject").asText()).isEqualTo(bob.subject());

        // Every new event has its audit entry and diff: the policy, the request, each approval, the apply.
        Map<String, JsonNode> entries = new java.util.HashMap<>();
        graphql.execute("""
                query($p: String!) { auditTrail(filter: {projectKey: $p, eventTypes: ["EnvironmentProtectionChanged",
                  "ChangeRequestOpened", "ChangeRequestApproved", "ChangeRequestApplied"]}, first: 20) {
                  edges { node { eventType subjectKind subjectKey environment changes { field before after } } } } }""",
                Map.of("p", project)).data("auditTrail.edges").forEach(edge -> entries.merge(
                edge.path("node").path("eventType").asText() + (edge.path("node").path("eventType").asText()
                        .equals("ChangeRequestApproved") && edge.path("node").path("changes").toString().contains("APPROVED") ? "!" : ""),
                edge.path("node"), (a, b) -> a));
        assertThat(fields(entries.get("EnvironmentProtectionChanged"))).containsExactly("environments.production.protection");
        JsonNode opened = entries.get("ChangeRequestOpened");
        assertThat(opened.path("subjectKind").asText()).isEqualTo("CHANGE_REQUEST");
        assertThat(opened.path("subjectKey").asText()).isEqualTo(id);
        assertThat(opened.path("environment").asText()).isEqualTo("production");
        assertThat(fields(opened)).contains("status", "title", "author", "commands", "diff", "policy");
        assertThat(fields(entries.get("ChangeRequestApproved!"))).containsExactlyInAnyOrder("approvals." + carl.subject(), "status");
        assertThat(fields(entries.get("ChangeRequestApplied"))).contains("status", "appliedAt", "appliedBy", "breakGlass");
    }

    private static List<String> fields(JsonNode entry) {
        List<String> fields = new java.util.ArrayList<>();
        entry.path("changes").forEach(change -> fields.add(change.path("field").asText()));
        return fields;
    }

    @Test
    void approvers_outside_the_policy_groups_are_refused() {
        createBooleanFlag("grouped");
        protect("production", 1, Map.of("approverGroups", List.of("/release-managers")));
        String id = toggleAs(as(editor("Bob")), "grouped", "production", true, 0)
                .data("toggleFlag.changeRequest.id").asText();

        assertThat(review(as(approver("Outsider")), "approveChangeRequest", "production", id, null).errorCode())
                .isEqualTo("FORBIDDEN");
        JsonNode approved = review(as(approver("Insider").group("/release-managers")), "approveChangeRequest",
                "production", id, null).data("approveChangeRequest.changeRequest");
        assertThat(approved.path("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void a_break_glass_holder_applies_without_approvals_and_it_is_recorded() {
        JsonNode flag = createBooleanFlag("incident");
        protect("production", 2, Map.of("breakGlassRole", "sre-oncall"));
        TestTokens plain = editor("Plain Editor");
        TestTokens oncall = editor("Olga Oncall").realmRole("sre-oncall");
        String id = toggleAs(as(oncall), "incident", "production", true, 0).data("toggleFlag.changeRequest.id").asText();
        String apply = "mutation($input: ApplyChangeRequestInput!) { applyChangeRequest(input: $input) { changeRequest { %s } } }"
                .formatted(REQUEST_FIELDS);
        Map<String, Object> input = Map.of("projectKey", project, "environment", "production", "id", id, "breakGlass", true);

        assertThat(as(plain).execute(apply, Map.of("input", input)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(as(oncall).execute(apply, Map.of("input", Map.of("projectKey", project, "environment", "production",
                "id", id))).errorCode()).as("without break-glass it needs its approvals").isEqualTo("VALIDATION");
        JsonNode applied = as(oncall).execute(apply, Map.of("input", input)).data("applyChangeRequest.changeRequest");

        assertThat(applied.path("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.path("breakGlass").asBoolean()).isTrue();
        assertThat(enabled("incident", "production")).isTrue();
        assertThat(storedMetadata(flag.path("id").asText(), "FlagToggled").get(0)).contains("\"breakGlass\":true");
    }

    @Test
    void applying_after_the_flag_changed_fails_with_conflict_and_applies_nothing() {
        JsonNode flag = createBooleanFlag("raced");
        protect("production", 1, Map.of());
        String id = toggleAs(as(editor("Bob")), "raced", "production", true, 0).data("toggleFlag.changeRequest.id").asText();
        // Someone changes the flag (in an unprotected environment) after the request was opened.
        assertThat(toggle("raced", "staging", true, 0, null).ok()).isTrue();
        long events = eventsOf(flag.path("id").asText());

        GraphQl.Response approved = review(as(approver("Ann")), "approveChangeRequest", "production", id, null);

        assertThat(approved.errorCode()).isEqualTo("CONFLICT");
        JsonNode request = awaitStatus(id, "FAILED", Duration.ofSeconds(5));
        assertThat(request.path("status").asText()).isEqualTo("FAILED");
        assertThat(request.path("failure").asText()).startsWith("CONFLICT");
        assertThat(request.path("approvals")).hasSize(1);
        assertThat(enabled("raced", "production")).isFalse();
        assertThat(eventsOf(flag.path("id").asText())).isEqualTo(events);
        assertThat(review(as(approver("Late")), "approveChangeRequest", "production", id, null).errorCode())
                .isEqualTo("CONFLICT");
    }

    @Test
    void approving_twice_is_refused_and_counts_once() {
        createBooleanFlag("twice");
        protect("production", 2, Map.of());
        String id = toggleAs(as(editor("Bob")), "twice", "production", true, 0).data("toggleFlag.changeRequest.id").asText();
        TestTokens ann = approver("Ann");
        assertThat(review(as(ann), "approveChangeRequest", "production", id, null).ok()).isTrue();
        long events = eventsOf(id);

        GraphQl.Response again = review(as(ann), "approveChangeRequest", "production", id, null);

        assertThat(again.errorCode()).isEqualTo("VALIDATION");
        assertThat(eventsOf(id)).isEqualTo(events);
        assertThat(request(id).path("approvals")).hasSize(1);
        assertThat(request(id).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void approving_a_closed_request_is_refused() {
        createBooleanFlag("closed");
        protect("production", 1, Map.of());
        String id = toggleAs(as(editor("Bob")), "closed", "production", true, 0).data("toggleFlag.changeRequest.id").asText();
        JsonNode rejected = review(as(approver("Rita")), "rejectChangeRequest", "production", id, "not during the sale")
                .data("rejectChangeRequest.changeRequest");
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejection").path("comment").asText()).isEqualTo("not during the sale");
        long events = eventsOf(id);

        assertThat(review(as(approver("Ann")), "approveChangeRequest", "production", id, null).errorCode())
                .isEqualTo("CONFLICT");
        assertThat(review(as(approver("Ann")), "approveChangeRequest", "staging", id, null).errorCode())
                .as("the environment named must be the request's").isIn("VALIDATION", "FORBIDDEN");
        assertThat(eventsOf(id)).isEqualTo(events);
        assertThat(enabled("closed", "production")).isFalse();
    }

    @Test
    void an_editor_may_not_approve_and_the_author_withdraws() {
        createBooleanFlag("withdrawn");
        protect("production", 1, Map.of());
        TestTokens bob = editor("Bob");
        String id = toggleAs(as(bob), "withdrawn", "production", true, 0).data("toggleFlag.changeRequest.id").asText();

        assertThat(review(as(editor("Other Editor")), "approveChangeRequest", "production", id, null).errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(review(as(editor("Other Editor")), "withdrawChangeRequest", "production", id, null).errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(review(as(bob), "withdrawChangeRequest", "production", id, "wrong flag")
                .data("withdrawChangeRequest.changeRequest.status").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void an_approved_request_with_an_apply_time_is_applied_by_the_scheduler_when_due() {
        createBooleanFlag("timed");
        protect("production", 1, Map.of());
        TestTokens bob = editor("Bob");
        String id = toggleAs(as(bob), "timed", "production", true, 0).data("toggleFlag.changeRequest.id").asText();
        Instant at = Instant.now().plusSeconds(2);
        GraphQl.Response scheduled = as(bob).execute("""
                mutation($input: ScheduleChangeRequestInput!) { scheduleChangeRequest(input: $input) { changeRequest { applyAt } } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "production", "id", id, "applyAt", at.toString())));
        assertThat(scheduled.ok()).as(scheduled.body().toString()).isTrue();

        JsonNode approved = review(as(approver("Ann")), "approveChangeRequest", "production", id, null)
                .data("approveChangeRequest.changeRequest");
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(enabled("timed", "production")).isFalse();

        JsonNode applied = awaitStatus(id, "APPLIED", Duration.ofSeconds(15));
        assertThat(applied.path("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.path("appliedBy").path("subject").asText()).isEqualTo("system:scheduler");
        assertThat(Instant.parse(applied.path("appliedAt").asText())).isAfterOrEqualTo(at);
        assertThat(enabled("timed", "production")).isTrue();
    }

    @Test
    void scheduling_in_a_protected_environment_answers_the_change_request_and_no_schedule() {
        createBooleanFlag("checkout");
        protect("production", 1, Map.of());
        GraphQl.Response response = as(editor("Bob")).execute("""
                mutation($p: String!, $at: DateTime!) { scheduleFlagChange(input: {projectKey: $p, key: "checkout", environment: "production",
                  at: $at, change: {toggle: {enabled: true}}, expectedVersion: 0, reason: "launch at noon"}) {
                  schedule { id } flag { version } changeRequest { status environment } } }""",
                Map.of("p", project, "at", Instant.now().plus(Duration.ofDays(1)).toString()));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        assertThat(response.data("scheduleFlagChange.schedule").isNull()).as("nothing scheduled before approval").isTrue();
        assertThat(response.data("scheduleFlagChange.changeRequest.status").asText()).isEqualTo("OPEN");
        assertThat(response.data("scheduleFlagChange.flag.version").asLong()).isZero();
    }

    @Test
    void a_segment_change_is_governed_by_the_protected_environment() {
        protect("production", 1, Map.of());
        GraphQl admin = graphql;
        JsonNode created = admin.execute("""
                mutation($p: String!) { createSegment(input: {projectKey: $p, key: "beta", name: "Beta", included: ["a"], reason: "new audience"}) {
                  segment { id version } } }""", Map.of("p", project)).data("createSegment.segment");
        GraphQl.Response updated = as(editor("Bob")).execute("""
                mutation($p: String!, $v: Int!) { updateSegment(input: {projectKey: $p, key: "beta", name: "Beta",
                  included: ["a", "b"], expectedVersion: $v, reason: "widen"}) { segment { included } changeRequest { environment diff { field after } } } }""",
                Map.of("p", project, "v", created.path("version").asLong()));
        assertThat(updated.ok()).as(updated.body().toString()).isTrue();
        assertThat(updated.data("updateSegment.segment.included")).hasSize(1);
        assertThat(updated.data("updateSegment.changeRequest.environment").asText()).isEqualTo("production");
        assertThat(updated.data("updateSegment.changeRequest.diff").get(0).path("field").asText()).isEqualTo("included");
    }
    @Test
    void the_same_holds_through_api_tokens_whose_approvals_count_for_the_people_who_created_them() {
        JsonNode flag = createBooleanFlag("tokened");
        protect("production", 2, Map.of());
        GraphQl ci = GraphQl.withBearer("http://localhost:" + port, apiToken(graphql, "ci", "EDITOR"));
        long events = eventsOf(flag.path("id").asText());

        JsonNode request = toggleAs(ci, "tokened", "production", true, 0).data("toggleFlag.changeRequest");
        String id = request.path("id").asText();
        assertThat(request.path("status").asText()).isEqualTo("OPEN");
        assertThat(enabled("tokened", "production")).isFalse();
        assertThat(eventsOf(flag.path("id").asText())).isEqualTo(events);

        // A token the author (the local admin) made approves on the author's behalf: self-approval.
        GraphQl adminsApprover = GraphQl.withBearer("http://localhost:" + port, apiToken(graphql, "mine", "APPROVER"));
        assertThat(review(adminsApprover, "approveChangeRequest", "production", id, null).errorCode()).isEqualTo("FORBIDDEN");

        TestTokens sam = TestTokens.user("Sam Admin").realmRole("flagledger:admin");
        GraphQl samsApprover = GraphQl.withBearer("http://localhost:" + port, apiToken(as(sam), "sams", "APPROVER"));
        JsonNode first = review(samsApprover, "approveChangeRequest", "production", id, "via token")
                .data("approveChangeRequest.changeRequest");
        assertThat(first.path("status").asText()).isEqualTo("OPEN");
        assertThat(review(as(sam), "approveChangeRequest", "production", id, null).errorCode())
                .as("Sam approved already, through his token").isEqualTo("VALIDATION");
        assertThat(enabled("tokened", "production")).isFalse();

        TestTokens ann = approver("Ann Approver");
        JsonNode second = review(as(ann), "approveChangeRequest", "production", id, null).data("approveChangeRequest.changeRequest");
        assertThat(second.path("status").asText()).isEqualTo("APPLIED");
        assertThat(enabled("tokened", "production")).isTrue();
        String metadata = storedMetadata(flag.path("id").asText(), "FlagToggled").get(0);
        assertThat(metadata).contains(first.path("approvals").get(0).path("subject").asText(), ann.subject(),
                "\"actorOnBehalfOfSubject\":\"local:admin\"");
    }

    private String apiToken(GraphQl as, String name, String role) {
        GraphQl.Response response = as.execute(
                "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }",
                Map.of("input", Map.of("name", name, "role", role, "projectKey", project, "reason", "test")));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("createApiToken.secret").asText();
    }
}
