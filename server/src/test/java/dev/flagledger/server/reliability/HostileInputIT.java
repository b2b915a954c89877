package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.FastLaunch;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3 of issue 15, property-based: jqwik generates hostile requests for the built server
 * jar: GraphQL documents nested thousands deep, aliases and fragments that amplify, huge lists,
 * bodies that are not UTF-8; OFREP bodies and contexts of every shape; rule definitions with
 * regular expressions built to backtrack, evaluated against strings built to make them, and deep
 * prerequisite and segment chains. Each request must be answered with a typed error (GraphQL
 * {@code extensions.code} other than INTERNAL, OFREP {@code errorCode}, problem+json) or a success,
 * within its time limit; afterwards the process is alive, its threads are where they were, and the
 * store is intact (audit chain valid over every event). Tries: {@code jqwik.tries.default}
 * (failsafe: 40 each; -Dflagledger.long=true: 1000), fewer (fixed) for the properties that write
 * dozens of flags per try.
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "hostile-admin-password";
    private static final String PROJECT = "hostile";
    private static final Set<String> GRAPHQL_CODES = Set.of("VALIDATION", "NOT_FOUND", "CONFLICT", "FORBIDDEN",
            "UNAUTHENTICATED", "UNAVAILABLE");
    private static final Set<String> OFREP_CODES = Set.of("PARSE_ERROR", "INVALID_CONTEXT", "TARGETING_KEY_MISSING",
            "TYPE_MISMATCH", "FLAG_NOT_FOUND", "GENERAL");
    /**
     * Server CPU one request may cost: the process's CPU time is what a hostile input could exhaust, and
     * unlike wall time it does not grow with the other builds on a shared machine. The tests send one
     * request at a time, so the process's CPU while it is answered is that request's (plus background
     * housekeeping, which is small).
     */
    private static final Duration CPU_LIMIT = Duration.ofSeconds(10);
    /** Wall time after which an answer counts as a hang even on a machine at load 40. */
    private static final Duration HANG = Duration.ofSeconds(120);
    private static final AtomicInteger FLAGS = new AtomicInteger();

    private static ServerProcess server;
    private static Path home;
    private static String sdkSecret;
    private static long threadsBefore;

    @BeforeContainer
    static void startServer() throws Exception {
        home = Files.createTempDirectory("flagledger-hostile");
        server = ServerProcess.launch(home, ServerProcess.freePort(), Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD),
                FastLaunch.command("-Xmx384m"));
        server.awaitHealthy(Duration.ofMinutes(5));
        must(admin().execute("mutation { createProject(input: {key: \"" + PROJECT + "\", name: \"Hostile\"}) { project { key } } }"));
        sdkSecret = must(admin().execute("mutation { createSdkKey(input: {projectKey: \"" + PROJECT + "\", environment:"
                + " \"development\", kind: SERVER, name: \"hostile\"}) { secret } }")).data("createSdkKey.secret").asText();
        threadsBefore = threads();
    }

    @AfterContainer
    static void serverSurvivedAndStoreIsIntact() throws Exception {
        try {
            assertThat(server.isAlive()).as("the server process survived").isTrue();
            JsonNode chain = must(admin().execute("{ verifyAuditChain { valid checked } }")).data("verifyAuditChain");
            assertThat(chain.path("valid").asBoolean()).as("audit chain after the hostile input: " + chain).isTrue();
            // Request threads come and go with load; a thread stuck on one input stays. Allow the pool to have grown.
            assertThat(threads()).as("server threads (%d before)", threadsBefore).isLessThan(threadsBefore + 220);
            System.out.printf("hostile input: server alive, %d threads (%d before), audit chain valid over %d events%n",
                    threads(), threadsBefore, chain.path("checked").asInt());
        } finally {
            server.close();
            FastLaunch.deleteRecursively(home);
        }
    }

    private static long threads() throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(server.pid()), "status")).stream()
                .filter(line -> line.startsWith("Threads:")).mapToLong(line -> Long.parseLong(line.substring(8).trim()))
                .findFirst().orElseThrow();
    }

    private static GraphQl admin() {
        return GraphQl.at(server.baseUrl(), "admin", PASSWORD);
    }

    private static GraphQl.Response must(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("set-up failed: " + response.body());
        return response;
    }

    // ------------------------------------------------------------------ GraphQL documents

    @Property
    void documents_nested_thousands_deep_get_a_typed_error(@ForAll @IntRange(min = 1, max = 20_000) int depth,
                                                         @ForAll("nestings") String opening) throws Exception {
        String document = "{ " + opening.repeat(depth) + " key " + "}".repeat(depth) + " }";
        assertTypedGraphQl(postGraphQl(Map.of("query", document)));
    }

    @Provide
    Arbitrary<String> nestings() {
        return Arbitraries.of("projects { ", "... on Query { ", "a: projects { ", "flags(projectKey: \"x\") { edges { node { ");
    }

    @Property
    void aliases_in_the_thousands_get_a_typed_error(@ForAll @IntRange(min = 1, max = 8_000) int aliases) throws Exception {
        StringBuilder document = new StringBuilder("{ ");
        for (int i = 0; i < aliases; i++)
            document.append("a").append(i).append(": flags(projectKey: \"").append(PROJECT).append("\", first: 100) { edges { node { key variations { value } } } } ");
        assertTypedGraphQl(postGraphQl(Map.of("query", document.append("}").toString())));
    }

    @Property
    void fragments_that_double_at_every_level_get_a_typed_error(@ForAll @IntRange(min = 1, max = 60) int levels,
                                                              @ForAll boolean cyclic) throws Exception {
        StringBuilder document = new StringBuilder("{ projects { ...F").append(levels).append(" } }\n");
        document.append("fragment F0 on Project { key name environments { key name } }\n");
        for (int i = 1; i <= levels; i++)
            document.append("fragment F").append(i).append(" on Project { ...F").append(i - 1).append(" a").append(i)
                    .append(": environments { key } ...F").append(cyclic && i == levels ? levels : i - 1).append(" }\n");
        assertTypedGraphQl(postGraphQl(Map.of("query", document.toString())));
    }

    @Property
    void huge_lists_in_variables_and_literals_get_a_typed_error(@ForAll @IntRange(min = 0, max = 400_000) int size,
                                                              @ForAll boolean asLiteral) throws Exception {
        List<String> tags = new ArrayList<>(java.util.Collections.nCopies(size, "t"));
        String key = "huge-" + FLAGS.incrementAndGet();
        Map<String, Object> body = asLiteral
                ? Map.of("query", "mutation { createFlag(input: {projectKey: \"" + PROJECT + "\", key: \"" + key
                + "\", name: \"n\", valueType: BOOLEAN, tags: " + JSON.writeValueAsString(tags) + "}) { flag { key } } }")
                : Map.of("query", "mutation($t: [String!]) { createFlag(input: {projectKey: \"" + PROJECT + "\", key: \""
                + key + "\", name: \"n\", valueType: BOOLEAN, tags: $t}) { flag { key } } }", "variables", Map.of("t", tags));
        assertTypedGraphQl(postGraphQl(body));
    }

    @Property
    void bodies_that_are_not_utf8_or_not_json_get_a_typed_error(@ForAll("garbage") byte[] body) throws Exception {
        assertTypedGraphQl(post("/graphql", body, "Basic " + basic()));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(3_000);
        Arbitrary<byte[]> spliced = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.of((byte) 0xC3, (byte) 0xFF, (byte) 0xED, (byte) 0x80, (byte) 0xF4, (byte) 0x00)).as((at, bad) -> {
            byte[] valid = "{\"query\":\"{ projects { key name } }\"}".getBytes(StandardCharsets.UTF_8);
            valid[Math.min(at, valid.length - 1)] = bad;
            return valid;
        });
        return Arbitraries.oneOf(raw, spliced);
    }

    @Property
    void any_string_as_a_document_gets_a_typed_answer(@ForAll("documents") String document) throws Exception {
        assertTypedGraphQl(postGraphQl(Map.of("query", document)));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "(", ")", "[", "]", "...", "query", "mutation", "subscription",
                "fragment", "on", "projects", "flags", "flag", "key", "$v", ":", "\"x\"", "1e999", "-0", "__typename",
                "__schema", "@include(if: true)", "@skip(if: $v)", "input:", "projectKey:", "\"\\u0000\"", "#", "\n",
                "𝄞", "\"\"\"", "null", "true", "toggleFlag", "createProject", "first: 99999999999");
        return tokens.list().ofMaxSize(200).map(parts -> String.join(" ", parts));
    }

    // ------------------------------------------------------------------ OFREP bodies and contexts

    @Property
    void ofrep_bodies_of_any_shape_get_a_typed_answer(@ForAll("ofrepBodies") byte[] body, @ForAll boolean bulk) throws Exception {
        HttpResponse<String> response = post(bulk ? "/ofrep/v1/evaluate/flags" : "/ofrep/v1/evaluate/flags/some-flag",
                body, "Bearer " + sdkSecret);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400, 404, 413);
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() == 413) assertThat(answer.path("status").asInt()).isEqualTo(413);
        else if (response.statusCode() != 200)
            assertThat(answer.path("errorCode").asText()).as(response.body()).isIn(OFREP_CODES);
    }

    @Provide
    Arbitrary<byte[]> ofrepBodies() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300).map(s -> (Object) s),
                Arbitraries.bigDecimals().map(d -> (Object) d), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null), Arbitraries.doubles().map(d -> (Object) d));
        // At most 6 levels of mixed objects and arrays: jqwik hashes a recursive arbitrary level by level, and
        // with two branches per level a depth of 40 cost 2^40 steps in the test JVM before a single try (the
        // run hung there). Deeper documents come from `deep` below (arrays up to 5 000 deep).
        Arbitrary<Object> tree = Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(5).map(list -> (Object) list),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(20), inner).ofMaxSize(5).map(map -> (Object) map)), 0, 6);
        Arbitrary<byte[]> contexts = Combinators.combine(tree, Arbitraries.strings().ofMaxLength(50)).as((context, key) -> {
            try {
                return JSON.writeValueAsBytes(Map.of("context", context instanceof Map<?, ?> ? context
                        : Map.of("targetingKey", key, "value", String.valueOf(context))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Arbitrary<byte[]> deep = Arbitraries.integers().between(1, 5_000).map(depth ->
                ("{\"context\":{\"targetingKey\":\"u\",\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}}").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> big = Arbitraries.integers().between(30_000, 300_000).map(size ->
                ("{\"context\":{\"targetingKey\":\"" + "k".repeat(size) + "\"}}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(contexts, deep, big, garbage());
    }

    // ------------------------------------------------------------------ rule definitions

    /** Each try writes a flag, its targeting and a toggle: fewer tries than the properties that only read. */
    @Property(tries = 15)
    void backtracking_regexes_are_refused_or_evaluated_within_bounds(@ForAll("regexes") String regex,
                                                                     @ForAll("bait") String input) throws Exception {
        String flag = newFlag();
        GraphQl.Response targeting = admin().execute("""
                mutation($p: String!, $k: String!, $r: JSON!) {
                  setFlagTargeting(input: {projectKey: $p, key: $k, environment: "development", expectedVersion: 0,
                    targeting: {rules: [{id: "r", clauses: [{attribute: "email", operator: "matches", values: [$r]}],
                    serve: {variation: "true"}}]}}) { flag { version } }
                }""", Map.of("p", PROJECT, "k", flag, "r", regex));
        assertTypedGraphQl(targeting);
        if (!targeting.ok()) return;
        must(admin().execute("mutation($p: String!, $k: String!) { toggleFlag(input: {projectKey: $p, key: $k, environment:"
                + " \"development\", enabled: true, expectedVersion: 1}) { flag { version } } }", Map.of("p", PROJECT, "k", flag)));
        HttpResponse<String> evaluated = post("/ofrep/v1/evaluate/flags/" + flag,
                JSON.writeValueAsBytes(Map.of("context", Map.of("targetingKey", "u", "email", input))), "Bearer " + sdkSecret);
        assertThat(evaluated.statusCode()).as(evaluated.body()).isIn(200, 400, 404);
    }

    @Provide
    Arbitrary<String> regexes() {
        Arbitrary<String> known = Arbitraries.of("(a+)+$", "(a|aa)+$", "(a|a?)+$", "^(\\w+\\s?)*$", "(.*a){20}",
                "((a*)*)*b", "(x+x+)+y", "^(([a-z])+.)+[A-Z]([a-z])+$", "(?:a|a)*b", "(\\d+)*\\D", "[", "(?<n>a)\\k<n>+",
                "a{1000000}", "(?=(a+))*", "\\", ".{0,999999999}");
        Arbitrary<String> built = Arbitraries.strings().withChars("a()|*+?{}[]^$\\.,0-9").ofMaxLength(300);
        return Arbitraries.oneOf(known, built);
    }

    @Provide
    Arbitrary<String> bait() {
        return Arbitraries.integers().between(0, 20_000).flatMap(n -> Arbitraries.of("a".repeat(n) + "!",
                "a".repeat(n), "x".repeat(n) + "z", "ab".repeat(n / 2)));
    }

    @Property(tries = 6)
    void prerequisite_chains_and_cycles_are_refused_or_evaluated_within_bounds(@ForAll @IntRange(min = 1, max = 40) int length,
                                                                               @ForAll boolean closeTheCycle) throws Exception {
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < length; i++) chain.add(newFlag());
        for (int i = 0; i < length; i++) {
            String next = i + 1 < length ? chain.get(i + 1) : closeTheCycle ? chain.get(0) : null;
            if (next == null) break;
            assertTypedGraphQl(admin().execute("""
                    mutation($p: String!, $k: String!, $q: String!) {
                      setFlagTargeting(input: {projectKey: $p, key: $k, environment: "development", expectedVersion: 0,
                        targeting: {prerequisites: [{flagKey: $q, variation: "true"}]}}) { flag { version } }
                    }""", Map.of("p", PROJECT, "k", chain.get(i), "q", next)));
        }
        HttpResponse<String> evaluated = post("/ofrep/v1/evaluate/flags/" + chain.get(0),
                "{\"context\":{\"targetingKey\":\"u\"}}".getBytes(StandardCharsets.UTF_8), "Bearer " + sdkSecret);
        assertThat(evaluated.statusCode()).as(evaluated.body()).isIn(200, 400, 404);
    }

    @Property(tries = 6)
    void segment_chains_are_refused_or_evaluated_within_bounds(@ForAll @IntRange(min = 1, max = 40) int length) throws Exception {
        String previous = null;
        String prefix = "s" + FLAGS.incrementAndGet() + "-";
        for (int i = 0; i < length; i++) {
            String clauses = previous == null ? "[]" : "[{attribute: \"segment\", operator: \"inSegment\", values: [\"" + previous + "\"]}]";
            assertTypedGraphQl(admin().execute("mutation($p: String!, $k: String!) { createSegment(input: {projectKey: $p,"
                    + " key: $k, name: $k, included: [\"u\"], rules: [{id: \"r\", clauses: " + clauses + "}]}) { segment { key } } }",
                    Map.of("p", PROJECT, "k", prefix + i)));
            previous = prefix + i;
        }
        String flag = newFlag();
        assertTypedGraphQl(admin().execute("""
                mutation($p: String!, $k: String!, $s: JSON!) {
                  setFlagTargeting(input: {projectKey: $p, key: $k, environment: "development", expectedVersion: 0,
                    targeting: {rules: [{id: "r", clauses: [{operator: "inSegment", values: [$s]}], serve: {variation: "true"}}]}}) { flag { version } }
                }""", Map.of("p", PROJECT, "k", flag, "s", previous)));
        HttpResponse<String> evaluated = post("/ofrep/v1/evaluate/flags/" + flag,
                "{\"context\":{\"targetingKey\":\"u\"}}".getBytes(StandardCharsets.UTF_8), "Bearer " + sdkSecret);
        assertThat(evaluated.statusCode()).as(evaluated.body()).isIn(200, 400, 404);
    }

    private static String newFlag() {
        String key = "h" + FLAGS.incrementAndGet();
        must(admin().execute("mutation($p: String!, $k: String!) { createFlag(input: {projectKey: $p, key: $k, name: $k,"
                + " valueType: BOOLEAN}) { flag { key } } }", Map.of("p", PROJECT, "k", key)));
        return key;
    }

    // ------------------------------------------------------------------ oracle

    private static HttpResponse<String> postGraphQl(Map<String, Object> body) throws Exception {
        return post("/graphql", JSON.writeValueAsBytes(body), "Basic " + basic());
    }

    private static String basic() {
        return Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, byte[] body, String authorization) throws Exception {
        Duration cpuBefore = server.cpuTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(HANG).header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(server.isAlive()).as("server process alive").isTrue();
        assertThat(server.cpuTime().minus(cpuBefore)).as("server CPU spent answering %s (%d bytes)", path, body.length)
                .isLessThan(CPU_LIMIT);
        return response;
    }

    /** A GraphQL answer: success, or errors that all carry a known code other than INTERNAL; a 413 is problem+json. */
    private static void assertTypedGraphQl(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400, 413);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() == 413) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            return;
        }
        for (JsonNode error : body.path("errors"))
            assertThat(error.path("extensions").path("code").asText()).as(response.body()).isIn(GRAPHQL_CODES);
    }

    private static void assertTypedGraphQl(GraphQl.Response response) {
        assertThat(response.status()).as(response.body().toString()).isIn(200, 400, 413);
        for (JsonNode error : response.body().path("errors"))
            assertThat(error.path("extensions").path("code").asText()).as(response.body().toString()).isIn(GRAPHQL_CODES);
    }
}
