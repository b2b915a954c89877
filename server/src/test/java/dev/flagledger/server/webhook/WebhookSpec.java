package dev.flagledger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, acceptance 6: outgoing webhooks are signed over a timestamp and the body; a receiver
 * running the documented recipe accepts genuine deliveries and rejects altered and replayed ones.
 * Deliveries are retried with growing backoff and every attempt is logged.
 */
public abstract class WebhookSpec extends ServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private WebhookReceiver receiver;
    @TempDir
    Path directory;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void a_change_is_delivered_signed_and_only_for_the_subscribed_types() throws Exception {
        subscribe(List.of("FlagToggled"));
        createBooleanFlag("hooked");
        assertThat(toggle("hooked", "production", true, 0, "launch").ok()).isTrue();

        WebhookReceiver.Delivery delivery = receiver.next(60);

        assertThat(delivery.rejection()).as("the receiver's verdict on the signature").isNull();
        assertThat(delivery.event()).isEqualTo("FlagToggled");
        JsonNode body = JSON.readTree(delivery.body());
        assertThat(body.path("id").asText()).isEqualTo(delivery.deliveryId());
        assertThat(body.path("type").asText()).isEqualTo("FlagToggled");
        assertThat(body.path("project").asText()).isEqualTo(project);
        assertThat(body.path("environment").asText()).isEqualTo("production");
        assertThat(body.path("subject").path("key").asText()).isEqualTo("hooked");
        assertThat(body.path("fields").path("environments.production.enabled").asBoolean()).isTrue();
        assertThat(body.path("reason").asText()).isEqualTo("launch");
        assertThat(body.path("actor").path("name").asText()).as("personal values are opened when sent")
                .isEqualTo("Local administrator");

        JsonNode logged = eventually("the delivery is logged as delivered", () -> deliveries().stream()
                .filter(node -> node.path("status").asText().equals("DELIVERED")).findFirst().orElse(null));
        assertThat(logged.path("id").asText()).isEqualTo(delivery.deliveryId());
        assertThat(logged.path("attempts").asInt()).isEqualTo(1);
        assertThat(logged.path("lastStatus").asInt()).isEqualTo(200);
        assertThat(logged.path("payload").path("type").asText()).isEqualTo("FlagToggled");
        // FlagCreated was not subscribed to: nothing else arrives.
        Thread.sleep(300);
        assertThat(receiver.drain()).isEmpty();
        assertThat(deliveries()).hasSize(1);
    }

    @Test
    void tampered_and_replayed_deliveries_are_rejected_by_the_documented_recipe() throws Exception {
        String secret = subscribe(List.of());
        createBooleanFlag("verified");
        WebhookReceiver.Delivery genuine = receiver.next(60);
        assertThat(genuine.rejection()).isNull();
        long sentAt = Long.parseLong(timestampOf(genuine.signature()));
        byte[] tampered = genuine.text().replace("\"verified\"", "\"verified-by-mallory\"").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(genuine.body());

        // The Java recipe, as the test receiver runs it.
        assertThat(receiver.accept(genuine, sentAt)).isNull();
        assertThat(receiver.accept(new WebhookReceiver.Delivery(tampered, genuine.signature(), genuine.deliveryId(),
                genuine.event(), null, 0), sentAt)).isEqualTo("signature does not match");
        assertThat(receiver.accept(genuine, sentAt + 1)).isEqualTo("delivery already received (replay)");
        assertThat(receiver.accept(genuine, sentAt + 301)).isEqualTo("timestamp outside the tolerance");

        // The Node.js recipe, taken from docs/webhooks.md as published.
        List<Map<String, Object>> cases = List.of(
                nodeCase("genuine", secret, genuine, genuine.body(), sentAt),
                nodeCase("tampered body", secret, genuine, tampered, sentAt),
                nodeCase("wrong secret", "whsec_" + "x".repeat(43), genuine, genuine.body(), sentAt),
                nodeCase("replayed within the window", secret, genuine, genuine.body(), sentAt + 5),
                nodeCase("replayed after the window", secret, genuine, genuine.body(), sentAt + 301));
        Map<String, String> verdicts = runNodeRecipe(cases);
        assertThat(verdicts.get("genuine")).isEqualTo("null");
        assertThat(verdicts.get("tampered body")).isEqualTo("signature does not match");
        assertThat(verdicts.get("wrong secret")).isEqualTo("signature does not match");
        assertThat(verdicts.get("replayed within the window")).isEqualTo("delivery already received (replay)");
        assertThat(verdicts.get("replayed after the window")).isEqualTo("timestamp outside the tolerance");
    }

    @Test
    void a_failing_receiver_is_retried_with_growing_backoff_and_every_attempt_is_logged() throws Exception {
        receiver.answer(500, 503);
        subscribe(List.of("FlagCreated"));
        createBooleanFlag("retried");

        WebhookReceiver.Delivery first = receiver.next(60);
        WebhookReceiver.Delivery second = receiver.next(60);
        WebhookReceiver.Delivery third = receiver.next(60);

        assertThat(List.of(first.deliveryId(), second.deliveryId(), third.deliveryId())).containsOnly(first.deliveryId());
        // Each attempt is signed anew for the time it is sent, so each verifies on its own; two attempts in
        // the same second (200 ms apart) may carry the same signature, so "different" is not the check.
        for (WebhookReceiver.Delivery attempt : List.of(first, second, third))
            assertThat(attempt.rejection()).as("attempt signed for its own time").isNull();
        assertThat(Long.parseLong(timestampOf(third.signature()))).isGreaterThanOrEqualTo(Long.parseLong(timestampOf(first.signature())));
        long firstGap = TimeUnit.NANOSECONDS.toMillis(second.receivedAt() - first.receivedAt());
        long secondGap = TimeUnit.NANOSECONDS.toMillis(third.receivedAt() - second.receivedAt());
        // 200 ms then 400 ms nominal, ±20 % jitter: at least 160 ms, then at least 320 ms, which is more than
        // the first wait can ever be (240 ms). Only lower bounds: a loaded machine may add, never remove, time.
        assertThat(firstGap).isGreaterThanOrEqualTo(160);
        assertThat(secondGap).isGreaterThanOrEqualTo(320);

        JsonNode logged = eventually("the third attempt is logged", () -> deliveries().stream()
                .filter(node -> node.path("status").asText().equals("DELIVERED")).findFirst().orElse(null));
        assertThat(logged.path("attempts").asInt()).isEqualTo(3);
        List<Integer> statuses = new ArrayList<>();
        logged.path("attemptLog").forEach(attempt -> statuses.add(attempt.path("statusCode").asInt()));
        assertThat(statuses).containsExactly(500, 503, 200);
        assertThat(logged.path("attemptLog").get(0).path("error").asText()).isEqualTo("HTTP 500");
    }

    @Test
    void a_delivery_that_always_fails_is_failed_after_the_last_attempt() throws Exception {
        receiver.answer(500, 500, 500, 500);
        subscribe(List.of("FlagCreated"));
        createBooleanFlag("doomed");

        JsonNode failed = eventually("the delivery gives up", () -> deliveries().stream()
                .filter(node -> node.path("status").asText().equals("FAILED")).findFirst().orElse(null));

        assertThat(failed.path("attempts").asInt()).as("flagledger.webhooks.max-attempts in tests").isEqualTo(3);
        assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
        assertThat(failed.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(receiver.drain()).hasSize(3);
    }

    @Test
    void subscriptions_are_validated_paused_and_deleted_as_audited_changes() throws Exception {
        GraphQl.Response ftp = createSubscription("ftp://example.com/hooks", List.of());
        assertThat(ftp.errorCode()).isEqualTo("VALIDATION");
        assertThat(createSubscription("https://user:pw@example.com/hooks", List.of()).errorCode()).isEqualTo("VALIDATION");
        assertThat(createSubscription(receiver.url(), List.of("not a type")).errorCode()).isEqualTo("VALIDATION");

        GraphQl.Response created = createSubscription(receiver.url(), List.of());
        assertThat(created.ok()).as(created.body().toString()).isTrue();
        String id = created.data("createWebhookSubscription.subscription.id").asText();
        GraphQl.Response paused = graphql.execute("""
                mutation($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) {
                  subscription { active version } } }""", Map.of("input", Map.of("projectKey", project, "id", id,
                "url", receiver.url(), "active", false, "expectedVersion", 0)));
        assertThat(paused.data("updateWebhookSubscription.subscription.active").asBoolean()).isFalse();
        createBooleanFlag("unheard");
        Thread.sleep(300);
        assertThat(receiver.drain()).as("a paused subscription gets nothing").isEmpty();

        GraphQl.Response elsewhere = graphql.execute("""
                mutation($input: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $input) {
                  subscription { id } } }""", Map.of("input", Map.of("projectKey", "no-such-" + project, "id", id)));
        assertThat(elsewhere.errorCode()).isIn("NOT_FOUND", "FORBIDDEN");
        GraphQl.Response deleted = graphql.execute("""
                mutation($input: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $input) {
                  subscription { id } } }""", Map.of("input", Map.of("projectKey", project, "id", id)));
        assertThat(deleted.ok()).as(deleted.body().toString()).isTrue();
        assertThat(graphql.execute("query($p: String!) { webhookSubscriptions(projectKey: $p) { id } }",
                Map.of("p", project)).data("webhookSubscriptions")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from webhook_secret where subscription_id = ?", Integer.class, id))
                .as("the secret is forgotten with it").isZero();
        assertThat(eventually("the audit shows the subscription's life", () -> {
            JsonNode edges = graphql.execute("query($p: String!) { auditTrail(filter: {projectKey: $p, eventTypes:"
                            + " [\"WebhookSubscribed\", \"WebhookSubscriptionChanged\", \"WebhookUnsubscribed\"]}) {"
                            + " edges { node { eventType subjectKind } } } }", Map.of("p", project))
                    .data("auditTrail.edges");
            return edges.size() == 3 ? edges : null;
        }).get(0).path("node").path("subjectKind").asText()).isEqualTo("WEBHOOK");
    }

    /**
     * The issue asks for deliveries on changes of flags, segments, change requests and experiments:
     * each family reaches a subscriber, signed, with its personal values opened (a segment's listed user).
     */
    @Test
    void segments_change_requests_and_experiments_are_delivered_too() throws Exception {
        subscribe(List.of("SegmentCreated", "ChangeRequestOpened", "MetricDefined", "ExperimentCreated"));
        must("mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { key } } }", Map.of(
                "projectKey", project, "key", "beta-testers", "name", "Beta testers", "included", List.of("alice@example.com"),
                "reason", "beta"));
        must("mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { key } } }", Map.of("projectKey", project,
                "key", "button", "name", "button", "valueType", "STRING", "variations", List.of(
                        Map.of("key", "grey", "value", "grey"), Map.of("key", "blue", "value", "blue"))));
        must("mutation($input: DefineMetricInput!) { defineMetric(input: $input) { metric { key } } }", Map.of(
                "projectKey", project, "key", "signup", "name", "signup", "kind", "CONVERSION", "eventName", "signup",
                "windowHours", 72, "direction", "HIGHER_IS_BETTER"));
        must("mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { key } } }", Map.of(
                "projectKey", project, "key", "button-colour", "definition", Map.of("name", "button colour",
                        "hypothesis", "blue converts better", "flagKey", "button", "environment", "staging",
                        "arms", List.of(Map.of("variation", "grey", "weight", 50_000), Map.of("variation", "blue", "weight", 50_000)),
                        "primaryMetric", "signup", "guardrailMetrics", List.of())));
        long projectVersion = graphql.execute("query($key: String!) { project(key: $key) { version } }",
                Map.of("key", project)).data("project.version").asLong();
        must("mutation($input: SetEnvironmentProtectionInput!) { setEnvironmentProtection(input: $input) { project { key } } }",
                Map.of("projectKey", project, "environment", "production", "protection", Map.of("requiredApprovals", 1),
                        "expectedVersion", projectVersion, "reason", "protect production"));
        createBooleanFlag("guarded");
        toggle("guarded", "production", true, 0, "launch, through a change request");

        Map<String, JsonNode> received = new LinkedHashMap<>();
        while (received.size() < 4) {
            WebhookReceiver.Delivery delivery = receiver.next(60);
            assertThat(delivery).as("deliveries so far: " + received.keySet()).isNotNull();
            assertThat(delivery.rejection()).as(delivery.event()).isNull();
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.path("project").asText()).isEqualTo(project);
            received.put(delivery.event(), body);
        }
        assertThat(received).containsOnlyKeys("SegmentCreated", "ChangeRequestOpened", "MetricDefined", "ExperimentCreated");
        assertThat(received.get("SegmentCreated").toString()).as("the listed user, opened when sent")
                .contains("alice@example.com").doesNotContain("pii:1:");
        assertThat(received.get("ExperimentCreated").path("subject").path("key").asText()).isEqualTo("button-colour");
        assertThat(received.get("ChangeRequestOpened").path("environment").asText()).isEqualTo("production");
    }

    private void must(String document, Map<String, Object> input) {
        GraphQl.Response response = graphql.execute(document, Map.of("input", input));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
    }

    // ---- steps

    /** Subscribes the receiver; answers the secret, which the receiver then trusts. */
    private String subscribe(List<String> eventTypes) {
        GraphQl.Response created = createSubscription(receiver.url(), eventTypes);
        assertThat(created.ok()).as(created.body().toString()).isTrue();
        String secret = created.data("createWebhookSubscription.secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.trust(secret);
        return secret;
    }

    private GraphQl.Response createSubscription(String url, List<String> eventTypes) {
        return graphql.execute("""
                mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
                  subscription { id url eventTypes active version } secret } }""",
                Map.of("input", Map.of("projectKey", project, "url", url, "eventTypes", eventTypes, "description", "test")));
    }

    private List<JsonNode> deliveries() {
        GraphQl.Response response = graphql.execute("""
                query($p: String!) { webhookDeliveries(projectKey: $p, first: 20) { edges { node {
                  id status attempts lastStatus lastError nextAttemptAt payload
                  attemptLog { attempt statusCode error durationMillis } } } } }""", Map.of("p", project));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        List<JsonNode> nodes = new ArrayList<>();
        response.data("webhookDeliveries.edges").forEach(edge -> nodes.add(edge.path("node")));
        return nodes;
    }

    private static String timestampOf(String signature) {
        Matcher t = Pattern.compile("t=(\\d+)").matcher(signature);
        assertThat(t.find()).as(signature).isTrue();
        return t.group(1);
    }

    private static Map<String, Object> nodeCase(String label, String secret, WebhookReceiver.Delivery delivery,
                                                byte[] body, long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("label", label);
        c.put("secret", secret);
        c.put("signature", delivery.signature());
        c.put("id", delivery.deliveryId());
        c.put("body", Base64.getEncoder().encodeToString(body));
        c.put("now", now);
        return c;
    }

    /** Runs the js block of docs/webhooks.md over the cases in order (one process: replays see earlier ones). */
    private Map<String, String> runNodeRecipe(List<Map<String, Object>> cases) throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "webhooks.md"));
        Matcher block = Pattern.compile("<!-- recipe:node[^>]*-->\\s*```js\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        assertThat(block.find()).as("docs/webhooks.md has the Node.js recipe block").isTrue();
        Files.writeString(directory.resolve("recipe.js"), block.group(1));
        Files.writeString(directory.resolve("run.js"), """
                const { verifyWebhook } = require('./recipe.js');
                const cases = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
                for (const c of cases) {
                  const why = verifyWebhook(c.secret, {'flagledger-signature': c.signature, 'flagledger-delivery': c.id},
                      Buffer.from(c.body, 'base64'), c.now);
                  console.log(JSON.stringify({label: c.label, verdict: String(why)}));
                }
                """);
        Files.writeString(directory.resolve("cases.json"), JSON.writeValueAsString(cases));
        Process node;
        try {
            node = new ProcessBuilder("node", "run.js", "cases.json").directory(directory.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError("this test runs the documented Node.js recipe: install Node.js 18+ (apt-get install nodejs)",
                    missing);
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        Map<String, String> verdicts = new HashMap<>();
        for (String line : output.lines().toList()) {
            JsonNode result = JSON.readTree(line);
            verdicts.put(result.path("label").asText(), result.path("verdict").asText());
        }
        return verdicts;
    }

    private static <T> T eventually(String what, Supplier<T> found) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            T value = found.get();
            if (value != null) return value;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }
}
