package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Field-level differences of two canonical trees; numbers compare by value (1 equals 1.0). */
public final class Diff {
    public static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    };

    private Diff() {
    }

    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) return a == b;
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /**
     * The changed paths. Objects are walked field by field; arrays and scalars are compared whole
     * (a rule list is one value: its order matters and a rule's index names no stable thing).
     */
    public static List<Change> of(JsonNode before, JsonNode after, String prefix) {
        List<Change> changes = new ArrayList<>();
        walk(before, after, prefix, changes);
        return changes;
    }

    private static void walk(JsonNode before, JsonNode after, String path, List<Change> changes) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(fields::add);
            after.fieldNames().forEachRemaining(fields::add);
            for (String field : fields)
                walk(before.get(field), after.get(field), path.isEmpty() ? field : path + "." + field, changes);
            return;
        }
        if (!same(before, after)) changes.add(new Change(path, before, after));
    }
}
