package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4 of issue 15: the access matrix of docs/security.md, expanded cell by cell and checked
 * against the running server (in process, H2, real HTTP, tokens signed by the test issuer). Every
 * GraphQL operation the schema serves and every SDK endpoint the server maps must have a row.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern OPERATION_ROW = Pattern.compile(
            "^\\|\\s*`(\\w+)`\\s*\\|\\s*(Query|Mutation|Subscription)\\s*\\|\\s*([^|]+?)\\s*\\|\\s*([^|]+?)\\s*\\|\\s*$");
    private static final Pattern ENDPOINT_ROW = Pattern.compile("^\\|\\s*`(GET|POST|PUT|PATCH|DELETE) (/[^`]+)`\\s*\\|(.+)\\|\\s*$");
    private static final Pattern API_ROW = Pattern.compile(
            "^\\|\\s*`(GET|POST|PUT|PATCH|DELETE) (/api/[^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*([^|]+?)\\s*\\|\\s*$");
    private static final List<String> CREDENTIALS = List.of("server key", "client key", "revoked key", "forged key",
            "no key", "user token");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    GraphQlSource graphQl;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String alpha;
    private String beta;
    private GraphQl admin;
    /** Refused GraphQL cells sent side by side (the test JVM is also the server). */
    private static final int REFUSALS_AT_ONCE = 4;

    private final Map<String, Signed> signedTokens = new HashMap<>();
    /** The environment argument's name for the document being generated. */
    private String environmentName = "environment";

    /** Levels a grant can have, and what each covers (docs/security.md, "How a cell is decided"). */
    enum Level {
        VIEWER, EDITOR, APPROVER, ADMIN;

        boolean covers(String needs) {
            return this == ADMIN || needs.equals("viewer") || needs.equals(name().toLowerCase());
        }
    }

    /** One caller: a level on a scope (project and environment null = global), or no grant at all. */
    record Caller(String name, Level level, String project, String environment, String apiToken) {
        Caller(String name, Level level, String project, String environment) {
            this(name, level, project, environment, null);
        }

        String role() {
            return "flagledger:" + level.name().toLowerCase() + (project == null ? "" : ":" + project)
                    + (environment == null ? "" : ":" + environment);
        }

        boolean touches(String target) {
            return level != null && (project == null || project.equals(target));
        }
    }

    record Target(String label, String project, String environment) {
    }

    record Row(String operation, String type, String needs, String on) {
    }

    @BeforeAll
    void twoProjectsWithAFlagEach() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alpha = "alpha-" + suffix;
        beta = "beta-" + suffix;
        admin = GraphQl.at(base(), "admin", ServerSpec.PASSWORD);
        for (String project : List.of(alpha, beta)) {
            must(admin.execute("mutation($k: String!) { createProject(input: {key: $k, name: $k}) { project { key } } }",
                    Map.of("k", project)));
            must(admin.execute("mutation($p: String!) { createFlag(input: {projectKey: $p, key: \"matrix-flag\","
                    + " name: \"Matrix\", valueType: BOOLEAN}) { flag { id } } }", Map.of("p", project)));
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        for (Level level : Level.values()) callers.add(new Caller("global " + level, level, null, null));
        for (Level level : List.of(Level.ADMIN, Level.EDITOR, Level.APPROVER, Level.VIEWER))
            callers.add(new Caller("project " + level, level, alpha, null));
        for (Level level : List.of(Level.EDITOR, Level.APPROVER, Level.VIEWER))
            callers.add(new Caller("environment " + level, level, alpha, "staging"));
        callers.add(new Caller("no grant", null, null, null));
        callers.add(new Caller("API token project EDITOR", Level.EDITOR, alpha, null, apiToken("EDITOR", alpha, null, null)));
        callers.add(new Caller("API token environment VIEWER", Level.VIEWER, alpha, "staging",
                apiToken("VIEWER", alpha, "staging", null)));
        return callers;
    }

    /**
     * The caller's bearer token: its API token, or a token signed by the test issuer, signed again only
     * when a minute old (tokens live 5 minutes). Signing per cell cost ~30 ms of CPU each in the C1-only
     * test JVM, over a thousand times per run.
     */
    private synchronized String tokenOf(Caller caller) {
        if (caller.apiToken() != null) return caller.apiToken();
        Signed signed = signedTokens.get(caller.name());
        if (signed == null || System.nanoTime() - signed.at() > Duration.ofMinutes(1).toNanos()) {
            String token = caller.level() == null ? TestTokens.user("Nobody").signed()
                    : TestTokens.user("Matrix " + caller.name()).realmRole(caller.role()).signed();
            signedTokens.put(caller.name(), signed = new Signed(token, System.nanoTime()));
        }
        return signed.token();
    }

    private record Signed(String token, long at) {
    }

    /** An API token issued by the admin with one grant; answers its secret. */
    private String apiToken(String role, String project, String environment, String expiresAt) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("name", "matrix " + role, "role", role, "reason", "matrix"));
        if (project != null) input.put("projectKey", project);
        if (environment != null) input.put("environment", environment);
        if (expiresAt != null) input.put("expiresAt", expiresAt);
        return must(admin.execute("mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }",
                Map.of("i", input))).data("createApiToken.secret").asText();
    }

    /** The oracle: what docs/security.md says about one cell. */
    static boolean allowed(Row row, Caller caller, Target target) {
        if (row.needs().equals("signed in")) return true;
        if (caller.level() == null) return false;
        boolean levelCovers = caller.level().covers(row.needs());
        return switch (row.on().replaceAll("\\s*\\(\\w+\\)$", "")) {
            case "global" -> caller.project() == null && levelCovers;
            case "project" -> (levelCovers && caller.environment() == null && caller.touches(target.project()))
                    || (row.needs().equals("viewer") && caller.touches(target.project()));
            case "environment" -> levelCovers && caller.touches(target.project())
                    && (caller.environment() == null || caller.environment().equals(target.environment()));
            default -> throw new AssertionError("unknown 'on' " + row.on() + " for " + row.operation());
        };
    }

    // ---------------------------------------------------------------- GraphQL

    private static Map<String, Row> operationTable() throws Exception {
        Map<String, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "security.md"))) {
            Matcher match = OPERATION_ROW.matcher(line);
            if (match.matches() && !match.group(1).equals("operation")) {
                Row row = new Row(match.group(1), match.group(2), match.group(3), match.group(4));
                assertThat(rows.put(row.type() + "." + row.operation(), row)).as("two rows for " + row.operation()).isNull();
            }
        }
        return rows;
    }

    private Map<String, GraphQLFieldDefinition> schemaOperations() {
        GraphQLSchema schema = graphQl.schema();
        Map<String, GraphQLFieldDefinition> operations = new TreeMap<>();
        for (GraphQLObjectType root : new GraphQLObjectType[]{schema.getQueryType(), schema.getMutationType(),
                schema.getSubscriptionType()})
            if (root != null) root.getFieldDefinitions().forEach(field -> operations.put(root.getName() + "." + field.getName(), field));
        return operations;
    }

    @Test
    void every_operation_has_exactly_one_row_in_docs_security_md() throws Exception {
        assertThat(operationTable().keySet()).as("rows of docs/security.md against the served schema")
                .isEqualTo(new TreeSet<>(schemaOperations().keySet()));
    }

    /** One cell of the GraphQL matrix: an operation's document, sent by one caller about one target (its token taken when sent). */
    private record Cell(String name, Caller caller, String document, boolean expected, boolean subscription) {
    }

    /**
     * Refusals are sent first, {@value #REFUSALS_AT_ONCE} at a time (a refused call changes nothing, so
     * the store's event count must not move over the whole pass; if it does, the refusals are sent again
     * one at a time to name the writers), then the allowed cells one at a time in the table's order (they
     * write), then the subscriptions all at once (an allowed one stays open 5 s).
     */
    @Test
    void every_operation_allows_and_denies_each_caller_exactly_as_the_table_says() throws Exception {
        Map<String, Row> table = operationTable();
        List<Target> targets = List.of(new Target("own project, own environment", alpha, "staging"),
                new Target("own project, other environment", alpha, "production"),
                new Target("other project", beta, "staging"));
        List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
        List<Caller> callers = callers();
        List<Cell> cells = new ArrayList<>();
        for (Map.Entry<String, GraphQLFieldDefinition> operation : schemaOperations().entrySet()) {
            Row row = table.get(operation.getKey());
            if (row == null) {
                disagreements.add(operation.getKey() + " has no row in docs/security.md");
                continue;
            }
            for (Caller caller : callers)
                for (Target target : targetsOf(row, targets))
                    cells.add(new Cell(operation.getKey() + " × " + caller.name() + " × " + target.label(), caller,
                            document(row.type(), operation.getValue(), target, environmentArgument(row)),
                            allowed(row, caller, target), row.type().equals("Subscription")));
        }

        List<Cell> refusals = cells.stream().filter(cell -> !cell.subscription() && !cell.expected()).toList();
        long before = events();
        ExecutorService senders = Executors.newFixedThreadPool(REFUSALS_AT_ONCE);
        try {
            List<Future<Optional<String>>> checked = new ArrayList<>();
            for (Cell cell : refusals) checked.add(senders.submit(() -> disagreement(cell)));
            for (Future<Optional<String>> check : checked) check.get(2, TimeUnit.MINUTES).ifPresent(disagreements::add);
        } finally {
            senders.shutdownNow();
        }
        long written = events() - before;
        if (written != 0) {
            disagreements.add(written + " events were written while only refused cells were sent");
            for (Cell cell : refusals) {
                long beforeCell = events();
                send(cell);
                if (events() != beforeCell) disagreements.add(cell.name() + ": refused, but an event was written");
            }
        }

        for (Cell cell : cells)
            if (!cell.subscription() && cell.expected()) disagreement(cell).ifPresent(disagreements::add);

        List<CompletableFuture<Void>> subscriptions = new ArrayList<>();
        for (Cell cell : cells)
            if (cell.subscription())
                subscriptions.add(subscribe(tokenOf(cell.caller()), cell.document()).thenAccept(outcome -> {
                    if (!outcome.equals(cell.expected() ? "allowed" : "FORBIDDEN"))
                        disagreements.add(cell.name() + ": expected " + (cell.expected() ? "allowed" : "FORBIDDEN") + ", got " + outcome);
                }));
        CompletableFuture.allOf(subscriptions.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        System.out.printf("access matrix: %d GraphQL cells checked (%d refusals side by side)%n", cells.size(), refusals.size());
        assertThat(disagreements).isEmpty();
    }

    private GraphQl.Response send(Cell cell) throws Exception {
        return GraphQl.withBearer(base(), tokenOf(cell.caller())).raw(JSON.writeValueAsString(Map.of("query", cell.document())));
    }

    /** What the cell answered, when it is not what the table says. */
    private Optional<String> disagreement(Cell cell) throws Exception {
        GraphQl.Response response = send(cell);
        String outcome = outcome(response);
        String expected = cell.expected() ? "allowed" : "FORBIDDEN";
        return outcome.equals(expected) ? Optional.empty()
                : Optional.of(cell.name() + ": expected " + expected + ", got " + outcome + " " + response.body());
    }

    @Test
    void missing_expired_forged_and_unsigned_tokens_are_unauthenticated_for_every_operation_and_write_nothing() throws Exception {
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("missing", null);
        badTokens.put("expired", TestTokens.user("Expired").realmRole("flagledger:admin").expiredAgo(Duration.ofMinutes(10)).signed());
        badTokens.put("forged", TestTokens.user("Forger").realmRole("flagledger:admin").signedByStranger());
        badTokens.put("unsigned", TestTokens.user("Unsigned").realmRole("flagledger:admin").unsigned());
        badTokens.put("forged API", "fl_" + UUID.randomUUID().toString().replace("-", "") + "abcdefghijk");
        String revoked = apiToken("ADMIN", null, null, null);
        String revokedId = must(admin.execute("{ apiTokens { id name revoked } }")).data("apiTokens").findParents("name").stream()
                .filter(token -> !token.path("revoked").asBoolean() && token.path("name").asText().equals("matrix ADMIN"))
                .map(token -> token.path("id").asText()).findFirst().orElseThrow();
        must(admin.execute("mutation($id: ID!) { revokeApiToken(input: {id: $id, reason: \"matrix\"}) { token { revoked } } }",
                Map.of("id", revokedId)));
        badTokens.put("revoked API", revoked);
        String expiring = apiToken("ADMIN", null, null, java.time.Instant.now().plusSeconds(2).toString());
        Thread.sleep(3_000);
        badTokens.put("expired API", expiring);
        Target target = new Target("own", alpha, "staging");
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, GraphQLFieldDefinition> operation : schemaOperations().entrySet()) {
            String type = operation.getKey().substring(0, operation.getKey().indexOf('.'));
            Row row = operationTable().get(operation.getKey());
            String document = document(type, operation.getValue(), target, row == null ? "environment" : environmentArgument(row));
            for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                long before = events();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document))));
                if (type.equals("Subscription")) request.header("Accept", "text/event-stream");
                if (bad.getValue() != null) request.header("Authorization", "Bearer " + bad.getValue());
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String code = response.body().contains("\"UNAUTHENTICATED\"") ? "UNAUTHENTICATED" : "?";
                if (response.statusCode() != 401 || !code.equals("UNAUTHENTICATED"))
                    disagreements.add(operation.getKey() + " with a " + bad.getKey() + " token: " + response.statusCode()
                            + " " + response.body());
                if (events() != before) disagreements.add(operation.getKey() + " with a " + bad.getKey() + " token wrote an event");
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static List<Target> targetsOf(Row row, List<Target> targets) {
        return switch (row.on().replaceAll("\\s*\\(\\w+\\)$", "")) {
            case "global", "own list" -> targets.subList(0, 1);
            case "project" -> List.of(targets.get(0), targets.get(2));
            default -> targets;
        };
    }

    /** allowed, FORBIDDEN, UNAUTHENTICATED, INTERNAL (a defect whatever the cell says) or not tested. */
    private static String outcome(GraphQl.Response response) {
        if (response.status() == 401) return "UNAUTHENTICATED";
        List<String> codes = new ArrayList<>();
        response.body().path("errors").forEach(error -> codes.add(error.path("extensions").path("code").asText("none")));
        if (codes.contains("FORBIDDEN")) return "FORBIDDEN";
        if (codes.contains("UNAUTHENTICATED")) return "UNAUTHENTICATED";
        if (codes.contains("INTERNAL") || codes.contains("none") || response.status() >= 500) return "INTERNAL";
        // A document GraphQL Java refuses never reaches authorization: the cell was not tested.
        if (response.body().toString().contains("\"ValidationError\"")) return "not tested (invalid document)";
        return "allowed";
    }

    private long events() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * A subscription over SSE: FORBIDDEN when its first event carries that error, allowed when the
     * stream stays open without one for five seconds (authorization runs when it starts).
     */
    private CompletableFuture<String> subscribe(String token, String document) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/graphql")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document)))).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            if (response.statusCode() == 401) return "UNAUTHENTICATED";
            InputStream body = response.body();
            CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
                try {
                    StringBuilder seen = new StringBuilder();
                    int next;
                    while ((next = body.read()) != -1) {
                        seen.append((char) next);
                        if (seen.toString().contains("\n\n") && seen.toString().contains("data:")) break;
                    }
                    return seen.toString();
                } catch (java.io.IOException closed) {
                    return "";
                }
            });
            try {
                String event = firstEvent.get(5, TimeUnit.SECONDS);
                if (event.contains("\"FORBIDDEN\"")) return "FORBIDDEN";
                return "an event before any change: " + event;
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                return "allowed";
            } catch (Exception failed) {
                return "error " + failed;
            } finally {
                try {
                    body.close();
                } catch (java.io.IOException ignored) {
                    // closing the stream ends the subscription
                }
            }
        });
    }

    /** The name of the argument that holds the environment: {@code environment}, or the one in {@code environment (to)}. */
    private static String environmentArgument(Row row) {
        Matcher named = Pattern.compile("\\((\\w+)\\)$").matcher(row.on());
        return named.find() ? named.group(1) : "environment";
    }

    /** A document for one operation: every required argument, plus any projectKey/environment, from the schema's types. */
    private String document(String type, GraphQLFieldDefinition field, Target target, String environmentName) {
        this.environmentName = environmentName;
        boolean projectByKey = field.getArguments().stream().noneMatch(argument -> mentionsProjectKey(argument.getType(), 0));
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean scope = argument.getName().equals("projectKey") || argument.getName().equals(environmentName)
                    || mentionsProjectKey(argument.getType(), 0);
            if (GraphQLTypeUtil.isNonNull(argument.getType()) || scope)
                arguments.add(argument.getName() + ": " + value(argument.getType(), argument.getName(), target, projectByKey, 0));
        }
        return type.toLowerCase() + " { " + field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")")
                + selection(field.getType()) + " }";
    }

    private static boolean mentionsProjectKey(GraphQLType type, int depth) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(type);
        if (bare instanceof GraphQLInputObjectType input && depth < 4)
            return input.getFields().stream().anyMatch(field -> field.getName().equals("projectKey")
                    || mentionsProjectKey(field.getType(), depth + 1));
        return false;
    }

    private String value(GraphQLInputType type, String name, Target target, boolean projectByKey, int depth) {
        if (type instanceof GraphQLNonNull nonNull) return value((GraphQLInputType) nonNull.getWrappedType(), name, target, projectByKey, depth);
        if (type instanceof GraphQLList list) return "[" + value((GraphQLInputType) list.getWrappedType(), name, target, projectByKey, depth) + "]";
        if (type instanceof GraphQLEnumType enumeration) return enumeration.getValues().get(0).getName();
        if (type instanceof GraphQLInputObjectType input) {
            List<String> fields = new ArrayList<>();
            if (input.isOneOf()) {
                GraphQLInputObjectField only = input.getFields().get(0);
                return "{" + only.getName() + ": " + value(only.getType(), only.getName(), target, projectByKey, depth + 1) + "}";
            }
            for (GraphQLInputObjectField field : input.getFields())
                if (GraphQLTypeUtil.isNonNull(field.getType()) || field.getName().equals("projectKey")
                        || field.getName().equals(environmentName) || mentionsProjectKey(field.getType(), 0))
                    fields.add(field.getName() + ": " + value(field.getType(), field.getName(), target, projectByKey, depth + 1));
            return "{" + String.join(", ", fields) + "}";
        }
        String scalar = ((GraphQLScalarType) type).getName();
        return switch (scalar) {
            case "Int" -> "0";
            case "Float" -> "0.5";
            case "Boolean" -> "false";
            case "DateTime" -> "\"2030-01-01T00:00:00Z\"";
            case "JSON" -> "true";
            default -> quoted(name.equals(environmentName) ? target.environment() : switch (name) {
                case "projectKey" -> target.project();
                case "key" -> depth == 0 && projectByKey ? target.project() : "matrix-flag";
                default -> "matrix";
            });
        };
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String selection(GraphQLOutputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(type);
        return bare instanceof GraphQLScalarType || bare instanceof GraphQLEnumType ? "" : " { __typename }";
    }

    // ---------------------------------------------------------------- HTTP API endpoints (/api/)

    /** Rows of the "HTTP API endpoints" table: "GET /api/..." to its needs and scope, read like an operation row. */
    private static Map<String, Row> apiTable() throws Exception {
        Map<String, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "security.md"))) {
            Matcher match = API_ROW.matcher(line);
            if (match.matches()) {
                Row row = new Row(match.group(1) + " " + match.group(2), "HTTP", match.group(3), match.group(4));
                assertThat(rows.put(row.operation(), row)).as("two rows for " + row.operation()).isNull();
            }
        }
        return rows;
    }

    private TreeSet<String> mappedEndpoints(String prefix) {
        TreeSet<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() == null) continue;
            for (String path : info.getPathPatternsCondition().getPatternValues())
                if (path.startsWith(prefix))
                    info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(method.name() + " " + path));
        }
        return endpoints;
    }

    /**
     * The downloads outside GraphQL (audit export, compliance reports, experiment exports): every
     * handler mapped under /api/ has a row, and every caller × own/other project gets what it says
     * (allowed: anything but 401/403 and never a 5xx; denied: 403), bad credentials 401.
     */
    @Test
    void every_http_api_endpoint_allows_and_denies_each_caller_exactly_as_the_table_says() throws Exception {
        Map<String, Row> table = apiTable();
        assertThat(table.keySet()).as("HTTP API endpoints of docs/security.md against the server's mappings")
                .isEqualTo(mappedEndpoints("/api/"));
        List<Target> targets = List.of(new Target("own project", alpha, "staging"), new Target("other project", beta, "staging"));
        List<String> disagreements = new ArrayList<>();
        int cells = 0;
        for (Row row : table.values()) {
            String[] endpoint = row.operation().split(" ", 2);
            for (Caller caller : callers()) {
                String token = tokenOf(caller);
                for (Target target : row.on().equals("project") ? targets : targets.subList(0, 1)) {
                    boolean expected = allowed(row, caller, target);
                    int status = apiStatus(endpoint[0], endpoint[1], target, Optional.of(token));
                    cells++;
                    boolean ok = expected ? status != 401 && status != 403 && status < 500 : status == 403;
                    if (!ok)
                        disagreements.add(row.operation() + " × " + caller.name() + " × " + target.label() + ": expected "
                                + (expected ? "allowed" : "403") + ", got " + status);
                }
            }
            for (Map.Entry<String, Optional<String>> bad : Map.of("no", Optional.<String>empty(), "expired",
                    Optional.of(TestTokens.user("Expired").realmRole("flagledger:admin").expiredAgo(Duration.ofMinutes(10)).signed()),
                    "forged", Optional.of(TestTokens.user("Forger").realmRole("flagledger:admin").signedByStranger())).entrySet()) {
                int status = apiStatus(endpoint[0], endpoint[1], targets.get(0), bad.getValue());
                cells++;
                if (status != 401) disagreements.add(row.operation() + " with " + bad.getKey() + " token: expected 401, got " + status);
            }
        }
        System.out.printf("access matrix: %d HTTP API cells checked%n", cells);
        assertThat(disagreements).isEmpty();
    }

    /** One call of an /api/ endpoint about {@code target}'s project, with the parameters every handler may need. */
    private int apiStatus(String method, String path, Target target, Optional<String> credential) throws Exception {
        String query = "?projectKey=" + target.project() + "&experimentKey=matrix&from=2020-01-01T00:00:00Z"
                + "&to=2030-01-01T00:00:00Z";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path + query)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        credential.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    // ---------------------------------------------------------------- SDK endpoints

    private static Map<String, List<String>> endpointTable() throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "security.md"))) {
            Matcher match = ENDPOINT_ROW.matcher(line);
            if (match.matches() && !match.group(2).startsWith("/api/")) {
                List<String> cells = List.of(match.group(3).split("\\|")).stream().map(String::strip).toList();
                assertThat(cells).as("cells of " + line).hasSize(CREDENTIALS.size());
                rows.put(match.group(1) + " " + match.group(2), cells);
            }
        }
        return rows;
    }

    private TreeSet<String> sdkEndpoints() {
        TreeSet<String> endpoints = mappedEndpoints("/ofrep/");
        endpoints.addAll(mappedEndpoints("/sdk/"));
        return endpoints;
    }

    private record Key(String id, String secret) {
    }

    private Key sdkKey(String project, String environment, String kind) {
        JsonNode created = must(admin.execute("""
                mutation($p: String!, $e: String!, $k: SdkKeyKind!) {
                  createSdkKey(input: {projectKey: $p, environment: $e, kind: $k, name: "matrix", reason: "matrix"}) { key { id } secret }
                }""", Map.of("p", project, "e", environment, "k", kind))).data("createSdkKey");
        return new Key(created.path("key").path("id").asText(), created.path("secret").asText());
    }

    @Test
    void every_sdk_endpoint_answers_each_credential_as_the_table_says() throws Exception {
        Map<String, List<String>> table = endpointTable();
        assertThat(table.keySet()).as("SDK endpoints of docs/security.md against the server's mappings").isEqualTo(sdkEndpoints());
        Key revoked = sdkKey(alpha, "staging", "SERVER");
        must(admin.execute("mutation($p: String!, $id: ID!) { revokeSdkKey(input: {projectKey: $p, environment: \"staging\","
                + " id: $id}) { key { revoked } } }", Map.of("p", alpha, "id", revoked.id())));
        Map<String, Optional<String>> credentials = new LinkedHashMap<>();
        credentials.put("server key", Optional.of(sdkKey(alpha, "staging", "SERVER").secret()));
        credentials.put("client key", Optional.of(sdkKey(alpha, "staging", "CLIENT").secret()));
        credentials.put("revoked key", Optional.of(revoked.secret()));
        credentials.put("forged key", Optional.of("flsrv_" + UUID.randomUUID().toString().replace("-", "") + "AAAAAAAAAAA"));
        credentials.put("no key", Optional.empty());
        credentials.put("user token", Optional.of(TestTokens.user("Admin").realmRole("flagledger:admin").signed()));
        awaitKeysUsable(credentials.get("client key").orElseThrow());
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, List<String>> row : table.entrySet()) {
            String[] endpoint = row.getKey().split(" ", 2);
            for (int i = 0; i < CREDENTIALS.size(); i++) {
                int expected = Integer.parseInt(row.getValue().get(i));
                int status = sdkStatus(endpoint[0], endpoint[1].replace("{key}", "matrix-flag"), credentials.get(CREDENTIALS.get(i)));
                if (status != expected)
                    disagreements.add(row.getKey() + " × " + CREDENTIALS.get(i) + ": expected " + expected + ", got " + status);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void an_sdk_key_reads_only_its_own_environment_of_its_own_project() throws Exception {
        String flagKey = "only-alpha-" + UUID.randomUUID().toString().substring(0, 6);
        must(admin.execute("mutation($p: String!, $k: String!) { createFlag(input: {projectKey: $p, key: $k,"
                + " name: \"Only alpha\", valueType: BOOLEAN}) { flag { id } } }", Map.of("p", alpha, "k", flagKey)));
        must(admin.execute("mutation($p: String!, $k: String!) { toggleFlag(input: {projectKey: $p, key: $k,"
                + " environment: \"staging\", enabled: true, expectedVersion: 0}) { flag { version } } }", Map.of("p", alpha, "k", flagKey)));
        String staging = sdkKey(alpha, "staging", "SERVER").secret();
        String production = sdkKey(alpha, "production", "SERVER").secret();
        String other = sdkKey(beta, "staging", "SERVER").secret();
        awaitKeysUsable(other);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String stagingReason = null;
        while (System.nanoTime() < deadline && !"STATIC".equals(stagingReason) && !"DEFAULT".equals(stagingReason)
                && !"TARGETING_MATCH".equals(stagingReason)) {
            stagingReason = evaluate(staging, flagKey).path("reason").asText();
            Thread.sleep(100);
        }
        assertThat(stagingReason).as("the staging key sees the flag on").isIn("STATIC", "DEFAULT", "TARGETING_MATCH");
        assertThat(evaluate(production, flagKey).path("reason").asText()).as("the production key sees it off").isEqualTo("DISABLED");
        assertThat(evaluate(other, flagKey).path("errorCode").asText()).as("a beta key does not find it").isEqualTo("FLAG_NOT_FOUND");
        for (String secret : List.of(staging, production, other)) {
            HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/sdk/v1/config"))
                    .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(config.body().contains(flagKey)).as("config of a key of the other project names alpha's flag")
                    .isEqualTo(!secret.equals(other));
        }
    }

    private JsonNode evaluate(String secret, String flagKey) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/ofrep/v1/evaluate/flags/" + flagKey))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u-1\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Keys are known to the SDK chain once the key directory has applied their events. */
    private void awaitKeysUsable(String secret) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (sdkStatus("GET", "/ofrep/v1/configuration", Optional.of(secret)) == 200) return;
            Thread.sleep(50);
        }
        throw new AssertionError("a new SDK key was not accepted within 30 s");
    }

    private int sdkStatus(String method, String path, Optional<String> credential) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        credential.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
        String body = path.equals("/sdk/v1/events")
                ? "{\"events\":[{\"kind\":\"custom\",\"name\":\"matrix\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}"
                : "{\"context\":{\"targetingKey\":\"u-1\"}}";
        if (method.equals("POST")) request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        else request.GET();
        // Streams answer their status with the headers; the body is not read.
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static GraphQl.Response must(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("set-up failed: " + response.body());
        return response;
    }
}
