package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.client.Pages;
import dev.flagledger.cli.client.Queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A project as the server has it now, in canonical form, with each flag's and segment's version. */
public record ServerState(ObjectNode document, Map<String, Long> flagVersions, Map<String, Long> segmentVersions,
                         long projectVersion) {

    /** Null when the project does not exist (yet). */
    public static ServerState fetch(GraphQlClient client, String projectKey) {
        JsonNode project = client.execute(Queries.PROJECT_BY_KEY, Map.of("k", projectKey)).path("project");
        if (project.isNull() || project.isMissingNode()) return null;
        List<JsonNode> flags = new ArrayList<>();
        List<JsonNode> segments = new ArrayList<>();
        Map<String, Long> flagVersions = new HashMap<>();
        Map<String, Long> segmentVersions = new HashMap<>();
        for (boolean archived : new boolean[]{false, true}) {
            Map<String, Object> variables = new HashMap<>(Map.of("p", projectKey, "archived", archived));
            for (JsonNode flag : Pages.all(client, Queries.FLAGS_PAGE, "flags", variables)) {
                flags.add(flag);
                flagVersions.put(flag.path("key").asText(), flag.path("version").asLong());
            }
            for (JsonNode segment : Pages.all(client, Queries.SEGMENTS_PAGE, "segments", variables)) {
                segments.add(segment);
                segmentVersions.put(segment.path("key").asText(), segment.path("version").asLong());
            }
        }
        ObjectNode document = Canonical.document(project, segments, flags, Canonical.environmentKeys(project));
        return new ServerState(document, flagVersions, segmentVersions, project.path("version").asLong());
    }
}
