package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What apply would do, in order, and what it cannot do (warnings). */
public record Plan(String projectKey, List<Action> actions, List<String> warnings) {

    public boolean hasChanges() {
        return !actions.isEmpty();
    }

    public long count(String verb) {
        return actions.stream().filter(a -> a.verb().equals(verb)).count();
    }

    /** The plan as data ({@code --output json|yaml}): stable, for CI to read. */
    public ObjectNode toTree() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("project", projectKey);
        var list = tree.putArray("actions");
        for (Action action : actions) {
            ObjectNode node = list.addObject().put("action", action.verb()).put("kind", action.kind()).put("key", action.key());
            var changes = node.putArray("changes");
            for (Change change : action.changes()) {
                ObjectNode c = changes.addObject().put("path", change.path());
                c.set("before", change.before());
                c.set("after", change.after());
            }
        }
        ObjectNode summary = tree.putObject("summary");
        for (String verb : List.of("create", "update", "archive", "restore")) summary.put(verb, count(verb));
        var warningList = tree.putArray("warnings");
        warnings.forEach(warningList::add);
        return tree;
    }

    /** Like terraform plan: one block per subject, + create, ~ update, - archive. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (actions.isEmpty()) out.append("No changes. Project ").append(projectKey).append(" matches the files.\n");
        else out.append("Flagledger will perform the following actions on project ").append(projectKey).append(":\n");
        for (Action action : actions) {
            String sign = switch (action.verb()) {
                case "create" -> "+";
                case "archive" -> "-";
                case "restore" -> "+";
                default -> "~";
            };
            out.append('\n').append("  # ").append(action.kind()).append(" \"").append(action.key()).append("\" will be ")
                    .append(switch (action.verb()) {
                        case "create" -> "created";
                        case "archive" -> "archived";
                        case "restore" -> "restored";
                        default -> "updated in place";
                    }).append('\n');
            out.append("  ").append(sign).append(' ').append(action.kind()).append(" \"").append(action.key()).append("\"\n");
            for (Change change : action.changes()) {
                String mark = change.before() == null ? "+" : change.after() == null ? "-" : "~";
                out.append("      ").append(mark).append(' ').append(change.path()).append(": ")
                        .append(change.before() == null ? "" : change.before() + " -> ")
                        .append(change.after() == null ? "(removed)" : change.after()).append('\n');
            }
        }
        for (String warning : warnings) out.append("\nWarning: ").append(warning).append('\n');
        out.append("\nPlan: ").append(count("create")).append(" to create, ").append(count("update")).append(" to update, ")
                .append(count("archive")).append(" to archive, ").append(count("restore")).append(" to restore.\n");
        return out.toString();
    }
}
