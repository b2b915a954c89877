package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the files' canonical document with the server's and lists the actions that make the
 * server match: the project and its environments first, then segments, then flags; what exists on
 * the server but not in the files is archived (the files are the whole project), what cannot be
 * done (removing an environment, renaming a project) is a warning.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(ObjectNode desired, ServerState server) {
        JsonNode project = desired.path("project");
        String projectKey = project.path("key").asText();
        List<Action> actions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ObjectNode current = server == null ? null : server.document();

        if (current == null) {
            actions.add(new Action("create", "project", projectKey, Diff.of(null, project, ""), project));
        } else {
            JsonNode have = current.path("project");
            if (!Diff.same(have.path("name"), project.path("name")) || !Diff.same(have.path("description"), project.path("description")))
                warnings.add("project name and description cannot be changed through the API; the server keeps \""
                        + have.path("name").asText() + "\"");
        }
        // Environments: a new project starts with development, staging and production.
        Map<String, JsonNode> haveEnvironments = environments(current == null ? defaultProject() : current.path("project"));
        Map<String, JsonNode> wantEnvironments = environments(project);
        for (Map.Entry<String, JsonNode> want : wantEnvironments.entrySet()) {
            JsonNode have = haveEnvironments.get(want.getKey());
            if (have == null) actions.add(new Action("create", "environment", want.getKey(), Diff.of(null, want.getValue(), ""), want.getValue()));
            else {
                List<Change> changes = Diff.of(have, want.getValue(), "");
                if (!changes.isEmpty()) actions.add(new Action("update", "environment", want.getKey(), changes, want.getValue()));
            }
        }
        for (String extra : haveEnvironments.keySet())
            if (!wantEnvironments.containsKey(extra))
                warnings.add("environment " + extra + " exists on the server but not in the files; environments cannot be removed"
                        + " (add it to the project's environments to silence this)");

        for (JsonNode flag : desired.path("flags"))
            for (var it = flag.path("environments").fieldNames(); it.hasNext(); ) {
                String environment = it.next();
                if (!wantEnvironments.containsKey(environment))
                    throw CliException.badInput("flag " + flag.path("key").asText() + " configures environment " + environment
                            + ", which the project does not list");
            }

        diff(actions, "segment", byKey(desired.path("segments")), current == null ? Map.of() : byKey(current.path("segments")));
        diff(actions, "flag", byKey(desired.path("flags")), current == null ? Map.of() : byKey(current.path("flags")));
        return new Plan(projectKey, actions, warnings);
    }

    private static void diff(List<Action> actions, String kind, Map<String, JsonNode> want, Map<String, JsonNode> have) {
        for (Map.Entry<String, JsonNode> entry : want.entrySet()) {
            JsonNode desired = entry.getValue();
            JsonNode existing = have.get(entry.getKey());
            if (existing == null) {
                if (!desired.path("archived").asBoolean())
                    actions.add(new Action("create", kind, entry.getKey(), Diff.of(null, desired, ""), desired));
                continue;
            }
            if (kind.equals("flag") && !existing.path("type").equals(desired.path("type")))
                throw CliException.badInput("flag " + entry.getKey() + ": its type cannot change (" + existing.path("type").asText()
                        + " -> " + desired.path("type").asText() + "); archive it and use a new key");
            boolean wasArchived = existing.path("archived").asBoolean();
            boolean archived = desired.path("archived").asBoolean();
            List<Change> changes = Diff.of(without(existing, "archived"), without(desired, "archived"), "");
            if (archived && !wasArchived) actions.add(new Action("archive", kind, entry.getKey(), List.of(), desired));
            else if (!archived && wasArchived) {
                if (kind.equals("segment"))
                    throw CliException.badInput("segment " + entry.getKey() + " is archived on the server and segments cannot be restored;"
                            + " use a new key");
                actions.add(new Action("restore", kind, entry.getKey(), changes, desired));
            } else if (!archived && !changes.isEmpty()) actions.add(new Action("update", kind, entry.getKey(), changes, desired));
        }
        for (Map.Entry<String, JsonNode> entry : have.entrySet())
            if (!want.containsKey(entry.getKey()) && !entry.getValue().path("archived").asBoolean())
                actions.add(new Action("archive", kind, entry.getKey(), List.of(), entry.getValue()));
    }

    private static JsonNode without(JsonNode node, String field) {
        ObjectNode copy = node.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static Map<String, JsonNode> byKey(JsonNode list) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        list.forEach(item -> map.put(item.path("key").asText(), item));
        return map;
    }

    private static Map<String, JsonNode> environments(JsonNode project) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        project.path("environments").forEach(e -> map.put(e.path("key").asText(), e));
        return map;
    }

    /** What createProject gives every new project (domain Project). */
    static JsonNode defaultProject() {
        ObjectNode project = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        project.putArray("environments").addAll(defaultEnvironments());
        return project;
    }

    /** development, staging and production (which requires a reason), as a new project gets them. */
    public static List<JsonNode> defaultEnvironments() {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return List.of(nodes.objectNode().put("key", "development").put("name", "Development"),
                nodes.objectNode().put("key", "staging").put("name", "Staging"),
                nodes.objectNode().put("key", "production").put("name", "Production").put("requireReason", true));
    }
}
