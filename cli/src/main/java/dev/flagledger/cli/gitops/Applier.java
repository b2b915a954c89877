package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.client.GraphQlClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries out a plan through the GraphQL API, one command per change, each with the reason (and,
 * through the client's headers, the commit and ticket). Order keeps every intermediate state
 * valid: environments, then segments (referenced ones first), then flags without targeting, then
 * each environment's settings and targeting (prerequisites may name flags created just before),
 * then removals. A variation being removed is dropped only after nothing serves it any more.
 */
public final class Applier {
    private static final String VERSION = "flag { version } changeRequest { id }";
    private final GraphQlClient client;
    private final String reason;
    private final Consumer<String> progress;
    private final Map<String, Long> flagVersions = new HashMap<>();
    private final Map<String, Long> segmentVersions = new HashMap<>();
    /** Change requests opened instead of changes, where an environment is protected (docs/approvals.md). */
    private final List<String> changeRequests = new ArrayList<>();
    private long projectVersion;
    private String project;

    /** {@code progress} hears a label after each action (the progress bar). */
    public Applier(GraphQlClient client, String reason, Consumer<String> progress) {
        this.client = client;
        this.reason = reason;
        this.progress = progress;
    }

    public void apply(Plan plan, ServerState server) {
        project = plan.projectKey();
        if (server != null) {
            flagVersions.putAll(server.flagVersions());
            segmentVersions.putAll(server.segmentVersions());
            projectVersion = server.projectVersion();
        }
        Map<String, JsonNode> currentFlags = new HashMap<>();
        if (server != null) server.document().path("flags").forEach(f -> currentFlags.put(f.path("key").asText(), f));

        for (Action action : plan.actions()) if (action.kind().equals("project")) createProject(action.desired());
        for (Action action : plan.actions()) if (action.kind().equals("environment")) environment(action);
        for (Action action : segmentsInDependencyOrder(plan.actions())) segment(action);

        List<Action> flags = plan.actions().stream().filter(a -> a.kind().equals("flag") && !a.verb().equals("archive")).toList();
        Map<String, JsonNode> stateAfterFirstPass = new LinkedHashMap<>();
        for (Action action : flags) stateAfterFirstPass.put(action.key(), flagFirstPass(action, currentFlags.get(action.key())));
        for (Action action : flags) flagEnvironments(action, stateAfterFirstPass.get(action.key()));
        for (Action action : flags) finalVariations(action, stateAfterFirstPass.get(action.key()));

        for (Action action : plan.actions())
            if (action.verb().equals("archive") && action.kind().equals("flag")) {
                track(action.key(), mutate("archiveFlag", "FlagLifecycleInput", VERSION,
                        input("key", action.key(), "expectedVersion", flagVersions.get(action.key()))));
                progress.accept("archived flag " + action.key());
            }
        for (Action action : plan.actions())
            if (action.verb().equals("archive") && action.kind().equals("segment")) {
                mutate("archiveSegment", "ArchiveSegmentInput", "segment { version }",
                        input("key", action.key(), "expectedVersion", segmentVersions.get(action.key())));
                progress.accept("archived segment " + action.key());
            }
    }

    private void createProject(JsonNode desired) {
        Map<String, Object> input = new HashMap<>(Map.of("key", desired.path("key").asText(), "name", desired.path("name").asText()));
        if (desired.has("description")) input.put("description", desired.path("description").asText());
        input.put("reason", reason);
        JsonNode payload = client.execute("mutation($input: CreateProjectInput!) { createProject(input: $input) { project { version } } }",
                Map.of("input", input)).path("createProject");
        projectVersion = payload.path("project").path("version").asLong();
        progress.accept("created project " + project);
    }

    private void environment(Action action) {
        JsonNode want = action.desired();
        String key = action.key();
        if (action.verb().equals("create")) {
            projectVersion = projectMutation("addEnvironment", "AddEnvironmentInput", input("key", key,
                    "name", want.path("name").asText(), "requireReason", want.path("requireReason").asBoolean(false),
                    "expectedVersion", projectVersion));
        } else {
            for (Change change : action.changes()) {
                if (change.path().equals("name"))
                    projectVersion = projectMutation("renameEnvironment", "RenameEnvironmentInput", input("key", key,
                            "name", want.path("name").asText(), "expectedVersion", projectVersion));
                if (change.path().equals("requireReason"))
                    projectVersion = projectMutation("setEnvironmentReasonPolicy", "SetEnvironmentReasonPolicyInput",
                            input("key", key, "requireReason", want.path("requireReason").asBoolean(false),
                                    "expectedVersion", projectVersion));
            }
        }
        progress.accept(action.verb() + "d environment " + key);
    }

    private long projectMutation(String field, String type, Map<String, Object> input) {
        return mutate(field, type, "project { version }", input).path("project").path("version").asLong();
    }

    /** Segments named by other segments' rules come first, so inSegment always names an existing one. */
    private static List<Action> segmentsInDependencyOrder(List<Action> actions) {
        Map<String, Action> pending = new LinkedHashMap<>();
        for (Action action : actions)
            if (action.kind().equals("segment") && !action.verb().equals("archive")) pending.put(action.key(), action);
        List<Action> ordered = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (String key : new ArrayList<>(pending.keySet())) visit(key, pending, visiting, ordered);
        return ordered;
    }

    private static void visit(String key, Map<String, Action> pending, Set<String> visiting, List<Action> ordered) {
        Action action = pending.get(key);
        if (action == null || !visiting.add(key)) return;
        for (JsonNode rule : action.desired().path("rules"))
            for (JsonNode clause : rule.path("clauses"))
                if (clause.path("operator").asText().equals("inSegment"))
                    clause.path("values").forEach(value -> visit(value.asText(), pending, visiting, ordered));
        pending.remove(key);
        ordered.add(action);
    }

    private void segment(Action action) {
        JsonNode want = action.desired();
        Map<String, Object> input = input("key", action.key(), "name", want.path("name").asText(),
                "description", want.path("description").asText(""), "included", list(want.path("included")),
                "excluded", list(want.path("excluded")), "rules", list(want.path("rules")));
        if (action.verb().equals("create")) {
            JsonNode payload = mutate("createSegment", "CreateSegmentInput", "segment { version }", input);
            segmentVersions.put(action.key(), payload.path("segment").path("version").asLong());
        } else {
            input.put("expectedVersion", segmentVersions.get(action.key()));
            JsonNode payload = mutate("updateSegment", "UpdateSegmentInput", "segment { version }", input);
            segmentVersions.put(action.key(), payload.path("segment").path("version").asLong());
        }
        progress.accept(action.verb() + "d segment " + action.key());
    }

    /**
     * Creates or restores the flag, brings its details up to date, and sets its variations to the
     * union of the old and the wanted ones. Answers the flag as the server now has it (canonical).
     */
    private JsonNode flagFirstPass(Action action, JsonNode current) {
        JsonNode want = action.desired();
        String key = action.key();
        ObjectNode state;
        if (action.verb().equals("create")) {
            JsonNode first = firstEnvironment(want);
            Map<String, Object> input = input("key", key, "name", want.path("name").asText(),
                    "description", want.path("description").asText(""), "tags", list(want.path("tags")),
                    "valueType", want.path("type").asText().toUpperCase(java.util.Locale.ROOT),
                    "variations", list(want.path("variations")),
                    "defaultVariation", first.path("defaultVariation").asText(), "offVariation", first.path("offVariation").asText());
            track(key, mutate("createFlag", "CreateFlagInput", VERSION, input));
            state = want.deepCopy();
            for (var it = state.path("environments").fields(); it.hasNext(); ) {
                ObjectNode environment = (ObjectNode) it.next().getValue();
                environment.put("enabled", false);
                environment.put("defaultVariation", first.path("defaultVariation").asText());
                environment.put("offVariation", first.path("offVariation").asText());
                environment.remove("targeting");
            }
            progress.accept("created flag " + key);
            return state;
        }
        state = current.deepCopy();
        if (action.verb().equals("restore")) {
            track(key, mutate("restoreFlag", "FlagLifecycleInput", VERSION, input("key", key, "expectedVersion", flagVersions.get(key))));
            state.remove("archived");
        }
        boolean details = !Diff.same(state.path("name"), want.path("name")) || !Diff.same(state.path("description"), want.path("description"))
                || !Diff.same(state.path("tags"), want.path("tags"));
        if (details) {
            track(key, mutate("updateFlagDetails", "UpdateFlagDetailsInput", VERSION, input("key", key,
                    "name", want.path("name").asText(), "description", want.path("description").asText(""),
                    "tags", list(want.path("tags")), "expectedVersion", flagVersions.get(key))));
        }
        ArrayNode union = union(state.path("variations"), want.path("variations"));
        if (!Diff.same(state.path("variations"), union)) {
            track(key, mutate("setFlagVariations", "SetFlagVariationsInput", VERSION, input("key", key,
                    "variations", list(union), "expectedVersion", flagVersions.get(key))));
            state.set("variations", union);
        }
        progress.accept(action.verb() + "d flag " + key);
        return state;
    }

    private void flagEnvironments(Action action, JsonNode state) {
        String key = action.key();
        JsonNode want = action.desired();
        for (var it = want.path("environments").fields(); it.hasNext(); ) {
            var entry = it.next();
            String environment = entry.getKey();
            JsonNode desired = entry.getValue();
            JsonNode have = state.path("environments").path(environment);
            if (!Diff.same(have.path("defaultVariation"), desired.path("defaultVariation")))
                track(key, mutate("setDefaultVariation", "SetEnvironmentVariationInput", VERSION, input("key", key,
                        "environment", environment, "variation", desired.path("defaultVariation").asText(),
                        "expectedVersion", flagVersions.get(key))));
            if (!Diff.same(have.path("offVariation"), desired.path("offVariation")))
                track(key, mutate("setOffVariation", "SetEnvironmentVariationInput", VERSION, input("key", key,
                        "environment", environment, "variation", desired.path("offVariation").asText(),
                        "expectedVersion", flagVersions.get(key))));
            JsonNode haveTargeting = have.has("targeting") ? have.get("targeting") : JsonNodeFactory.instance.objectNode();
            JsonNode wantTargeting = desired.has("targeting") ? desired.get("targeting") : JsonNodeFactory.instance.objectNode();
            if (!Diff.same(haveTargeting, wantTargeting))
                track(key, mutate("setFlagTargeting", "SetFlagTargetingInput", VERSION, input("key", key,
                        "environment", environment, "targeting", wantTargeting, "expectedVersion", flagVersions.get(key))));
            if (have.path("enabled").asBoolean() != desired.path("enabled").asBoolean())
                track(key, mutate("toggleFlag", "ToggleFlagInput", VERSION, input("key", key, "environment", environment,
                        "enabled", desired.path("enabled").asBoolean(), "expectedVersion", flagVersions.get(key))));
        }
    }

    private void finalVariations(Action action, JsonNode state) {
        JsonNode want = action.desired().path("variations");
        if (!Diff.same(state.path("variations"), want))
            track(action.key(), mutate("setFlagVariations", "SetFlagVariationsInput", VERSION, input("key", action.key(),
                    "variations", list(want), "expectedVersion", flagVersions.get(action.key()))));
    }

    /** The wanted variations in their order, then the old ones the files drop (removed last). */
    private static ArrayNode union(JsonNode have, JsonNode want) {
        ArrayNode union = want.deepCopy();
        Set<String> keys = new HashSet<>();
        want.forEach(v -> keys.add(v.path("key").asText()));
        have.forEach(v -> { if (!keys.contains(v.path("key").asText())) union.add(v.deepCopy()); });
        return union;
    }

    private static JsonNode firstEnvironment(JsonNode flag) {
        var fields = flag.path("environments").fields();
        return fields.hasNext() ? fields.next().getValue() : JsonNodeFactory.instance.objectNode();
    }

    private void track(String flag, JsonNode payload) {
        flagVersions.put(flag, payload.path("flag").path("version").asLong());
        JsonNode request = payload.path("changeRequest");
        if (request.hasNonNull("id")) changeRequests.add(request.path("id").asText() + " (flag " + flag + ")");
    }

    /** The change requests apply opened in protected environments; those changes wait for approval. */
    public List<String> changeRequests() {
        return List.copyOf(changeRequests);
    }

    private JsonNode mutate(String field, String inputType, String selection, Map<String, Object> input) {
        return client.execute("mutation($input: " + inputType + "!) { " + field + "(input: $input) { " + selection + " } }",
                Map.of("input", input)).path(field);
    }

    /** An input object for this project, with the reason, from alternating names and values. */
    private Map<String, Object> input(Object... pairs) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("projectKey", project);
        for (int i = 0; i < pairs.length; i += 2) input.put((String) pairs[i], pairs[i + 1]);
        input.put("reason", reason);
        return input;
    }

    private static Object list(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? List.of() : node;
    }
}
