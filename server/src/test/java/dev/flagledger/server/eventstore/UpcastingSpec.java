package dev.flagledger.server.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.server.support.GraphQl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored in an older shape are projected and accept new commands. (That every engine reads them in
 * the current shape is part of the storage contract, {@code EventStorageContract}.)
 */
public abstract class UpcastingSpec {
    @Autowired
    private JdbcTemplate jdbc;
    @LocalServerPort
    private int port;

    /** Writes a ProjectCreated exactly as revision 1 stored it: no revision, environments as bare keys. */
    private String storeRevision1Project() {
        String key = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String payload = "{\"projectKey\":\"" + key + "\",\"name\":\"Legacy\",\"environments\":[\"development\",\"production\"]}";
        jdbc.update("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp) values (?, 0, 'Project', ?, ?, ?, null, ?, ?)",
                key, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), ProjectCreated.class.getName(), Instant.now().toString());
        return key;
    }

    @Test
    void a_revision_1_project_is_projected_and_accepts_new_commands() throws Exception {
        String key = storeRevision1Project();
        GraphQl graphql = GraphQl.at("http://localhost:" + port, "admin", dev.flagledger.server.support.ServerSpec.PASSWORD);

        JsonNode project = null;
        for (int attempt = 0; attempt < 200 && (project == null || project.isNull()); attempt++) {
            project = graphql.execute("query($k: String!) { project(key: $k) { environments { key name requireReason } } }",
                    Map.of("k", key)).body().path("data").path("project");
            if (project.isNull()) Thread.sleep(25);
        }
        assertThat(project.path("environments").get(1).path("name").asText()).isEqualTo("Production");
        assertThat(project.path("environments").get(1).path("requireReason").asBoolean()).isTrue();

        GraphQl.Response added = graphql.execute("mutation($k: String!) { addEnvironment(input: {projectKey: $k,"
                + " key: \"staging\", name: \"Staging\", expectedVersion: 0}) { project { version } } }", Map.of("k", key));
        assertThat(added.data("addEnvironment.project.version").asLong()).isEqualTo(1);
    }
}
