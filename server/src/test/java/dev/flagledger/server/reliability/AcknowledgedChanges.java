package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.reliability.CrashWorkload.Creation;
import dev.flagledger.server.reliability.CrashWorkload.Outcome;
import dev.flagledger.server.reliability.CrashWorkload.Toggle;
import dev.flagledger.server.support.GraphQl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a project's store must hold after a fault, checked against what {@link CrashWorkload}'s writers
 * were told: every acknowledged change, nothing refused, read models and evaluation equal to the
 * events. Shared by the crash and dependency-fault tests.
 */
final class AcknowledgedChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AcknowledgedChanges() {
    }

    /** Waits until every read model has applied the store's newest event; answers how long that took. */
    static long awaitReadModelsAtHead(GraphQl admin, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        JsonNode models = null;
        while (System.nanoTime() < deadline) {
            GraphQl.Response response = admin.execute("{ readModels { name running position headPosition } }");
            if (response.ok()) {
                models = response.data("readModels");
                boolean atHead = true;
                for (JsonNode model : models)
                    atHead &= model.path("position").asDouble() >= model.path("headPosition").asDouble();
                if (atHead) return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("read models did not reach the store head within " + timeout + ": " + models);
    }

    /**
     * Toggles f0 in development (acknowledged, recorded in {@code toggles}) and waits until OFREP evaluation
     * shows it: the evaluation snapshot's processor is running again. Answers the milliseconds from {@code since}.
     */
    static long evaluationSeesANewToggle(GraphQl admin, String baseUrl, String secret, String project, long since,
                                         List<Toggle> toggles) throws Exception {
        JsonNode flag = must(admin.execute("{ flag(projectKey: \"" + project + "\", key: \"f0\") { version environment(key: \"development\") { enabled } } }")).data("flag");
        boolean enabled = !flag.path("environment").path("enabled").asBoolean();
        long started = System.nanoTime();
        JsonNode toggled = must(admin.execute("mutation($v: Int!, $e: Boolean!) { toggleFlag(input: {projectKey: \"" + project + "\", key: \"f0\","
                + " environment: \"development\", enabled: $e, expectedVersion: $v}) { flag { version } } }",
                Map.of("v", flag.path("version").asInt(), "e", enabled))).data("toggleFlag.flag.version");
        toggles.add(new Toggle("f0", flag.path("version").asLong(), "development", enabled, Outcome.ACKNOWLEDGED,
                toggled.asLong(), null, started, (System.nanoTime() - started) / 1_000_000));
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ofrep/v1/evaluate/flags/f0"))
                    .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u-1\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("DISABLED") != enabled)
                return (System.nanoTime() - since) / 1_000_000;
            Thread.sleep(50);
        }
        throw new AssertionError("evaluation did not show a new toggle within 3 minutes");
    }

    /** The development environment's bulk OFREP answer: flag key to reason. */
    static Map<String, String> evaluatedReasons(String baseUrl, String secret) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/ofrep/v1/evaluate/flags"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"crash-user\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> reasons = new HashMap<>();
        JSON.readTree(response.body()).path("flags").forEach(flag ->
                reasons.put(flag.path("key").asText(), flag.path("reason").asText()));
        return reasons;
    }

    /** Each flag of the project, folded from its stored events: key, id, version, enabled per environment. */
    record FoldedFlag(String key, String id, long version, Map<String, Boolean> enabled) {
    }

    static Map<String, FoldedFlag> fold(StoredEvents stored, String project) {
        Map<String, FoldedFlag> flags = new HashMap<>();
        stored.streams().forEach((aggregate, stream) -> {
            StoredEvents.Row first = stream.get(0);
            if (!first.simpleType().equals("FlagCreated") || !project.equals(first.payload().path("projectKey").asText()))
                return;
            Map<String, Boolean> enabled = new HashMap<>();
            CrashWorkload.ENVIRONMENTS.forEach(environment -> enabled.put(environment, false));
            for (StoredEvents.Row row : stream)
                if (row.simpleType().equals("FlagToggled"))
                    enabled.put(row.payload().path("environment").asText(), row.payload().path("enabled").asBoolean());
            String key = first.payload().path("flagKey").asText();
            flags.put(key, new FoldedFlag(key, aggregate, stream.size() - 1, enabled));
        });
        return flags;
    }

    /**
     * Every acknowledged toggle is the event at the version after the one it expected, with its
     * environment and value; every stored toggle answers an attempt that was acknowledged or whose
     * outcome the client could not know; every acknowledged creation exists, every stored one was tried.
     */
    static List<String> lostOrInvented(StoredEvents stored, String project, List<Toggle> toggles, List<Creation> creations,
                                               List<String> setUpFlags) {
        List<String> problems = new ArrayList<>();
        Map<String, FoldedFlag> flags = fold(stored, project);
        Map<String, List<StoredEvents.Row>> streams = stored.streams();
        for (Toggle toggle : toggles) {
            if (toggle.outcome() != Outcome.ACKNOWLEDGED) continue;
            FoldedFlag flag = flags.get(toggle.flagKey());
            List<StoredEvents.Row> stream = flag == null ? List.of() : streams.get(flag.id());
            long version = toggle.expectedVersion() + 1;
            StoredEvents.Row row = version < stream.size() ? stream.get((int) version) : null;
            if (row == null || !row.simpleType().equals("FlagToggled")
                    || !row.payload().path("environment").asText().equals(toggle.environment())
                    || row.payload().path("enabled").asBoolean() != toggle.enabled())
                problems.add("acknowledged " + toggle + " is not the stored event " + (row == null ? "(none)" : row));
        }
        Set<String> attempted = toggles.stream().filter(t -> t.outcome() != Outcome.REFUSED)
                .map(t -> t.flagKey() + "@" + (t.expectedVersion() + 1) + ":" + t.environment() + "=" + t.enabled())
                .collect(Collectors.toSet());
        flags.values().forEach(flag -> {
            List<StoredEvents.Row> stream = streams.get(flag.id());
            for (int version = 1; version < stream.size(); version++) {
                StoredEvents.Row row = stream.get(version);
                if (!row.simpleType().equals("FlagToggled")) continue;
                String key = flag.key() + "@" + version + ":" + row.payload().path("environment").asText() + "="
                        + row.payload().path("enabled").asBoolean();
                if (!attempted.contains(key)) problems.add("stored toggle " + key + " was refused or never sent");
            }
        });
        Set<String> mayExist = new HashSet<>(setUpFlags);
        for (Creation creation : creations) {
            if (creation.outcome() != Outcome.REFUSED) mayExist.add(creation.flagKey());
            if (creation.outcome() == Outcome.ACKNOWLEDGED && !flags.containsKey(creation.flagKey()))
                problems.add("acknowledged creation of " + creation.flagKey() + " is not in the store");
        }
        flags.keySet().stream().filter(key -> !mayExist.contains(key))
                .forEach(key -> problems.add("stored flag " + key + " was refused or never created"));
        return problems;
    }

    static List<String> readModelMismatches(StoredEvents stored, String project, JsonNode edges) {
        Map<String, FoldedFlag> flags = fold(stored, project);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode edge : edges) {
            JsonNode node = edge.path("node");
            String key = node.path("key").asText();
            seen.add(key);
            FoldedFlag folded = flags.get(key);
            if (folded == null) {
                problems.add("read model has " + key + ", the store does not");
                continue;
            }
            if (node.path("version").asLong() != folded.version())
                problems.add(key + ": read model version " + node.path("version") + ", store " + folded.version());
            for (JsonNode environment : node.path("environments")) {
                String name = environment.path("key").asText();
                if (environment.path("enabled").asBoolean() != folded.enabled().get(name))
                    problems.add(key + " in " + name + ": read model " + environment.path("enabled") + ", store "
                            + folded.enabled().get(name));
            }
        }
        flags.keySet().stream().filter(key -> !seen.contains(key)).forEach(key -> problems.add("read model lacks " + key));
        return problems;
    }

    static List<String> evaluationMismatches(StoredEvents stored, String project, Map<String, String> reasons) {
        List<String> problems = new ArrayList<>();
        fold(stored, project).values().forEach(flag -> {
            String reason = reasons.get(flag.key());
            boolean enabled = flag.enabled().get("development");
            if (reason == null) problems.add(flag.key() + " is not evaluated");
            else if (enabled == reason.equals("DISABLED"))
                problems.add(flag.key() + " is " + (enabled ? "on" : "off") + " in the store, evaluated " + reason);
        });
        return problems;
    }


    /**
     * A client with a global admin API token, as scripts and CI use: it authenticates from memory, so
     * while the database is away the requests reach GraphQL (the local admin's password hash is in the
     * database). Waits until the token is known.
     */
    static GraphQl apiTokenClient(GraphQl admin, String baseUrl) throws InterruptedException {
        GraphQl.Response created = admin.execute("mutation { createApiToken(input: {name: \"writers\", role: ADMIN,"
                + " reason: \"reliability test\"}) { secret } }");
        if (!created.ok()) throw new AssertionError("could not create an API token: " + created.body());
        GraphQl client = GraphQl.withBearer(baseUrl, created.data("createApiToken.secret").asText());
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!client.execute("{ projects { key } }").ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the new API token was not accepted within a minute");
            Thread.sleep(50);
        }
        return client;
    }

    /** A project with boolean flags and a development SDK key (answered), every read model at head. */
    static String projectWithFlags(GraphQl admin, String project, List<String> flags) throws InterruptedException {
        must(admin.execute("mutation($k: String!) { createProject(input: {key: $k, name: $k}) { project { key } } }",
                Map.of("k", project)));
        for (String flag : flags)
            must(admin.execute("mutation($p: String!, $k: String!) { createFlag(input: {projectKey: $p, key: $k, name: $k,"
                    + " valueType: BOOLEAN}) { flag { id } } }", Map.of("p", project, "k", flag)));
        String secret = must(admin.execute("mutation($p: String!) { createSdkKey(input: {projectKey: $p, environment:"
                + " \"development\", kind: SERVER, name: \"reliability\"}) { secret } }", Map.of("p", project)))
                .data("createSdkKey.secret").asText();
        awaitReadModelsAtHead(admin, Duration.ofMinutes(3));
        return secret;
    }

    static GraphQl.Response must(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("request failed: " + response.body());
        return response;
    }
}
