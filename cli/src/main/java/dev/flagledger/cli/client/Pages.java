package dev.flagledger.cli.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Walks a Relay connection to its end. */
public final class Pages {
    private Pages() {
    }

    public static List<JsonNode> all(GraphQlClient client, String document, String field, Map<String, Object> variables) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> page = new HashMap<>(variables);
            page.put("after", after);
            JsonNode connection = client.execute(document, page).path(field);
            connection.path("edges").forEach(edge -> nodes.add(edge.path("node")));
            if (!connection.path("pageInfo").path("hasNextPage").asBoolean()) return nodes;
            after = connection.path("pageInfo").path("endCursor").asText();
        }
    }
}
