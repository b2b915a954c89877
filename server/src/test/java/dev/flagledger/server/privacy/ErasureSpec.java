package dev.flagledger.server.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.ByteScan;
import dev.flagledger.server.support.Eventually;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, acceptance 5 and 7 (erasure): personal data is sealed under per-subject keys; erasing a
 * subject deletes the key, after which a byte scan of the store's files finds none of their plain text,
 * the audit chain still verifies, time travel still answers (with placeholders), and read models
 * rebuilt from the store hold only the placeholder. Bad erasures are typed errors that change nothing.
 */
public abstract class ErasureSpec extends ServerSpec {
    private static final String ERASED = "[erased]";

    /** The directories holding the store's files (the H2 database file, PostgreSQL's data directory). */
    protected abstract List<Path> storeFiles();

    /** Makes the database write everything it holds in memory to those files. */
    protected abstract void flushToDisk();

    @org.springframework.beans.factory.annotation.Autowired
    private SdkEventRetention retention;
    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String alice = "alice." + marker + "@example.com";
    private final String bob = "bob." + marker + "@example.com";
    private final String carol = "carol." + marker + "@example.com";
    private final String actorName = "Ada Erasable " + marker;
    private final String actorEmail = "ada." + marker + "@example.org";
    private final String control = "control-reason-" + marker;

    @Test
    void after_erasing_a_user_and_an_actor_no_plain_text_remains_the_chain_verifies_and_time_travel_shows_placeholders()
            throws InterruptedException {
        TestTokens ada = TestTokens.user(actorName).email(actorEmail).realmRole("flagledger:editor:" + project);
        GraphQl asAda = GraphQl.withBearer("http://localhost:" + port, ada.signed());
        String flag = "checkout-" + marker;
        targetAliceAndBob(asAda, flag);
        ok(asAda.execute("""
                mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { key } } }""",
                Map.of("input", Map.of("projectKey", project, "key", "vip-" + marker, "name", "VIP",
                        "included", List.of(alice, bob), "excluded", List.of(carol), "rules", List.of(),
                        "reason", control))));
        Instant targeted = Instant.now();
        awaitAuditCaughtUp();

        // Before: the API shows the people, evaluation targets Alice, yet none of it is on disk in plain text.
        assertThat(targetKeys(flag)).containsExactly(alice, bob);
        assertThat(evaluate(flag, alice, null).path("reason").asText()).isEqualTo("TARGETING_MATCH");
        JsonNode adaEntry = auditOf(ada.subject()).get(0);
        assertThat(adaEntry.path("actor").path("name").asText()).isEqualTo(actorName);
        assertThat(adaEntry.path("actor").path("email").asText()).isEqualTo(actorEmail);
        flushToDisk();
        Map<String, List<Path>> before = ByteScan.find(storeFiles(), List.of(alice, actorName, actorEmail, control));
        assertThat(before.get(control)).as("the scan reads the store's files (the plain reason is there)").isNotEmpty();
        assertThat(before.get(alice)).as("a targeted key is sealed before it is stored").isEmpty();
        assertThat(before.get(actorName)).isEmpty();
        assertThat(before.get(actorEmail)).isEmpty();

        erase("USER", alice);
        erase("ACTOR", ada.subject());
        awaitAuditCaughtUp();

        // Replays, read models and the snapshot show the placeholder; Bob, who was not erased, is intact.
        assertThat(targetKeys(flag)).containsExactly(ERASED, bob);
        Eventually.await(() -> evaluate(flag, alice, null).path("reason").asText().equals("DEFAULT"),
                "evaluation no longer targets the erased user");
        assertThat(evaluate(flag, bob, null).path("reason").asText()).isEqualTo("TARGETING_MATCH");
        JsonNode erasedEntry = auditOf(ada.subject()).get(0);
        assertThat(erasedEntry.path("actor").path("name").asText()).isEqualTo(ERASED);
        assertThat(erasedEntry.path("actor").path("email").asText()).isEqualTo(ERASED);
        assertThat(segmentLists("vip-" + marker)).containsExactly(List.of(ERASED, bob), List.of(carol));

        // Time travel replays the stored events up to an instant before the erasure: placeholders.
        JsonNode asOf = ok(graphql.execute("""
                query($p: String!, $k: String!, $at: DateTime!) { flagAsOf(projectKey: $p, key: $k, at: $at) {
                  environment(key: "staging") { enabled targeting { targets { variation keys } } } } }""",
                Map.of("p", project, "k", flag, "at", targeted.toString()))).data("flagAsOf");
        assertThat(asOf.path("environment").path("enabled").asBoolean()).isTrue();
        assertThat(texts(asOf.path("environment").path("targeting").path("targets").get(0).path("keys")))
                .containsExactly(ERASED, bob);
        assertThat(evaluate(flag, alice, targeted).path("reason").asText()).isEqualTo("DEFAULT");
        assertThat(evaluate(flag, bob, targeted).path("reason").asText()).isEqualTo("TARGETING_MATCH");

        // The chain over the stored bytes is untouched by deleting keys.
        JsonNode chain = ok(graphql.execute("{ verifyAuditChain { valid checked firstMismatch { problem } } }"))
                .data("verifyAuditChain");
        assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.path("checked").asLong()).isGreaterThan(5);

        // Read models rebuilt from the store hold the placeholder, not the data.
        rebuild("flag-state");
        rebuild("audit-trail");
        awaitAuditCaughtUp();
        Eventually.await(() -> targetKeys(flag).equals(List.of(ERASED, bob)), "flag-state rebuilt");
        assertThat(auditOf(ada.subject()).get(0).path("actor").path("name").asText()).isEqualTo(ERASED);
        assertThat(ok(graphql.execute("{ verifyAuditChain { valid } }")).data("verifyAuditChain.valid").asBoolean())
                .isTrue();

        // The erasures are recorded (who, why, which key) without naming whom they erased.
        JsonNode erasures = ok(graphql.execute("""
                { auditTrail(filter: {eventTypes: ["DataSubjectErased"]}, first: 100) { edges { node {
                  subjectKind subjectKey reason actor { subject } changes { field after } } } } }"""))
                .data("auditTrail.edges");
        List<JsonNode> ours = new ArrayList<>();
        erasures.forEach(edge -> {
            if (edge.path("node").path("reason").asText().endsWith(marker)) ours.add(edge.path("node"));
        });
        assertThat(ours).hasSize(2);
        assertThat(ours.get(0).path("subjectKind").asText()).isEqualTo("DATA_SUBJECT");
        assertThat(ours.get(0).path("actor").path("subject").asText()).isEqualTo("local:admin");
        assertThat(ours.toString()).doesNotContain(alice).doesNotContain(ada.subject());

        // Whoever copies the database's files now finds none of their plain text.
        flushToDisk();
        Map<String, List<Path>> after = ByteScan.find(storeFiles(), List.of(alice, actorName, actorEmail, control, bob));
        assertThat(after.get(bob)).as("a user who was not erased is still only stored sealed").isEmpty();
        assertThat(after.get(control)).isNotEmpty();
        assertThat(after.get(alice)).as("files holding the erased user's key").isEmpty();
        assertThat(after.get(actorName)).as("files holding the erased actor's name").isEmpty();
        assertThat(after.get(actorEmail)).as("files holding the erased actor's e-mail").isEmpty();
    }

    @Test
    void the_data_subject_export_lists_what_is_held_about_a_user_and_an_actor() throws InterruptedException {
        TestTokens ada = TestTokens.user(actorName).email(actorEmail).realmRole("flagledger:editor:" + project);
        GraphQl asAda = GraphQl.withBearer("http://localhost:" + port, ada.signed());
        String flag = "export-" + marker;
        targetAliceAndBob(asAda, flag);
        jdbc.update("insert into sdk_event (project_key, environment, sdk_key_id, kind, flag_key, variant, context_key,"
                + " occurred_at, received_at) values (?, 'staging', 'k', 'exposure', ?, 'off', ?, ?, ?)", project, flag,
                alice, OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC));
        awaitAuditCaughtUp();

        JsonNode user = export("USER", alice);
        assertThat(user.path("keyId").asText()).isNotEmpty();
        assertThat(user.path("listings").toString()).contains("FLAG_TARGET").contains(flag);
        assertThat(user.path("auditEntries")).anySatisfy(entry -> {
            assertThat(entry.path("role").asText()).isEqualTo("LISTED");
            assertThat(entry.path("sealed").asBoolean()).isTrue();
            assertThat(entry.path("values").path("changedFields").toString()).contains("environments.staging.targeting");
        });
        assertThat(user.path("sdkEventCount").asInt()).isEqualTo(1);
        JsonNode actor = export("ACTOR", ada.subject());
        assertThat(actor.path("auditEntries").size()).isEqualTo(3);
        assertThat(actor.path("auditEntries").get(0).path("values").path("name").asText()).isEqualTo(actorName);
        assertThat(actor.path("auditEntries").get(0).path("values").path("email").asText()).isEqualTo(actorEmail);

        // Erasing the user deletes the raw SDK events naming them, too, and counts them in the record.
        erase("USER", alice);
        JsonNode erased = export("USER", alice);
        assertThat(erased.path("keyId").isNull()).isTrue();
        assertThat(erased.path("sdkEventCount").asInt()).isZero();
        assertThat(erased.path("listings")).isEmpty();
    }

    @Test
    void erasing_an_unknown_subject_is_not_found_and_writes_nothing() {
        long events = eventCount();
        long keys = subjectKeys();

        GraphQl.Response unknown = eraseResponse("USER", "nobody-" + marker, "request " + marker);

        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(subjectKeys()).isEqualTo(keys);
    }

    @Test
    void bad_erasures_are_refused_and_nothing_is_half_applied() throws InterruptedException {
        String flag = "bad-" + marker;
        targetAliceAndBob(graphql, flag);
        long events = eventCount();
        long keys = subjectKeys();

        // The reason is kept in plain text forever: naming the subject in it is refused, key and data intact.
        assertThat(eraseResponse("USER", alice, "erase " + alice).errorCode()).isEqualTo("VALIDATION");
        assertThat(eraseResponse("USER", alice, " ").errorCode()).isEqualTo("VALIDATION");
        assertThat(eraseResponse("USER", " ", "request " + marker).errorCode()).isEqualTo("VALIDATION");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(subjectKeys()).isEqualTo(keys);
        assertThat(targetKeys(flag)).containsExactly(alice, bob);

        // Erased once: a second erasure finds no key and records nothing more.
        erase("USER", alice);
        long afterFirst = eventCount();
        assertThat(eraseResponse("USER", alice, "again " + marker).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(eventCount()).isEqualTo(afterFirst);
        assertThat(targetKeys(flag)).containsExactly(ERASED, bob);
    }

    @Test
    void raw_sdk_events_older_than_the_retention_are_deleted_and_newer_ones_kept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String old = "old-" + marker;
        String recent = "recent-" + marker;
        for (Map.Entry<String, OffsetDateTime> row : Map.of(old, now.minus(retention.retention()).minusMinutes(1),
                recent, now.minus(retention.retention()).plusMinutes(10)).entrySet())
            jdbc.update("insert into sdk_event (project_key, environment, sdk_key_id, kind, event_name, context_key,"
                    + " occurred_at, received_at) values (?, 'staging', 'k', 'custom', 'purchase', ?, ?, ?)", project,
                    row.getKey(), row.getValue(), row.getValue());

        assertThat(retention.enforce()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("select context_key from sdk_event where project_key = ?", String.class, project))
                .containsExactly(recent);
    }

    // ---- steps

    private void targetAliceAndBob(GraphQl as, String flag) {
        ok(as.execute("""
                mutation($p: String!, $k: String!) { createFlag(input: {projectKey: $p, key: $k, name: "Checkout",
                  valueType: BOOLEAN}) { flag { version } } }""", Map.of("p", project, "k", flag)));
        ok(as.execute("""
                mutation($p: String!, $k: String!, $r: String!) { toggleFlag(input: {projectKey: $p, key: $k,
                  environment: "staging", enabled: true, expectedVersion: 0, reason: $r}) { flag { version } } }""",
                Map.of("p", project, "k", flag, "r", control)));
        ok(as.execute("""
                mutation($input: SetFlagTargetingInput!) { setFlagTargeting(input: $input) { flag { version } } }""",
                Map.of("input", Map.of("projectKey", project, "key", flag, "environment", "staging", "expectedVersion", 1,
                        "reason", control, "targeting", Map.of("targets", List.of(Map.of("variation", "off",
                                "keys", List.of(alice, bob))))))));
    }

    private List<String> targetKeys(String flag) {
        JsonNode targets = ok(graphql.execute("""
                query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) {
                  environment(key: "staging") { targeting { targets { keys } } } } }""",
                Map.of("p", project, "k", flag))).data("flag.environment.targeting.targets");
        return texts(targets.get(0).path("keys"));
    }

    private List<List<String>> segmentLists(String segment) {
        JsonNode found = ok(graphql.execute("query($p: String!, $k: String!) { segment(projectKey: $p, key: $k) { included excluded } }",
                Map.of("p", project, "k", segment))).data("segment");
        return List.of(texts(found.path("included")), texts(found.path("excluded")));
    }

    private JsonNode evaluate(String flag, String targetingKey, Instant at) {
        Map<String, Object> variables = new HashMap<>(Map.of("p", project, "k", flag,
                "context", Map.of("targetingKey", targetingKey)));
        if (at != null) variables.put("at", at.toString());
        return ok(graphql.execute("""
                query($p: String!, $k: String!, $context: JSON, $at: DateTime) {
                  evaluateFlag(projectKey: $p, environment: "staging", key: $k, context: $context, at: $at) {
                    variant reason } }""", variables)).data("evaluateFlag");
    }

    private List<JsonNode> auditOf(String actor) {
        List<JsonNode> entries = new ArrayList<>();
        ok(graphql.execute("""
                query($a: String!) { auditTrail(filter: {actor: $a}, first: 50) { edges { node {
                  eventType actor { subject name email } } } } }""", Map.of("a", actor)))
                .data("auditTrail.edges").forEach(edge -> entries.add(edge.path("node")));
        assertThat(entries).as("audit entries of " + actor).isNotEmpty();
        return entries;
    }

    private JsonNode export(String kind, String id) {
        return ok(graphql.execute("""
                query($kind: DataSubjectKind!, $id: String!) { dataSubjectExport(kind: $kind, id: $id) {
                  keyId keyCreatedAt sdkEventCount
                  auditEntries { position eventType role values sealed }
                  listings { projectKey kind key environment detail } } }""", Map.of("kind", kind, "id", id)))
                .data("dataSubjectExport");
    }

    private void erase(String kind, String id) {
        ok(eraseResponse(kind, id, "data subject request " + marker));
    }

    private GraphQl.Response eraseResponse(String kind, String id, String reason) {
        return graphql.execute("""
                mutation($input: EraseDataSubjectInput!) { eraseDataSubject(input: $input) { erasureId } }""",
                Map.of("input", Map.of("kind", kind, "id", id, "reason", reason)));
    }

    private void rebuild(String readModel) {
        ok(graphql.execute("mutation($n: String!) { rebuildReadModel(input: {name: $n, reason: \"test\"}) { readModel { name } } }",
                Map.of("n", readModel)));
    }

    private void awaitAuditCaughtUp() throws InterruptedException {
        Eventually.await(() -> {
            for (JsonNode model : ok(graphql.execute("{ readModels { name replaying position headPosition } }"))
                    .data("readModels"))
                if (model.path("name").asText().equals("audit-trail"))
                    return model.path("position").asLong() == model.path("headPosition").asLong()
                            && !model.path("replaying").asBoolean();
            return false;
        }, "the audit trail caught up with the store");
    }

    private long subjectKeys() {
        Long count = jdbc.queryForObject("select count(*) from subject_key", Long.class);
        return count == null ? 0 : count;
    }

    private static GraphQl.Response ok(GraphQl.Response response) {
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
