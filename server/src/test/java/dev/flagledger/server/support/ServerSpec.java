package dev.flagledger.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

/**
 * Base of the specs that run against a started server on either store. Each spec works in its own
 * freshly created project, so specs share one application context per store without interfering.
 */
public abstract class ServerSpec {
    public static final String PASSWORD = "test-admin-password";
    /** Webhook retries in tests: the same exponential schedule from 200 ms, so a spec sees several attempts quickly. */
    public static final String FAST_WEBHOOK_RETRIES = "flagledger.webhooks.initial-backoff=200ms";
    public static final String FEW_WEBHOOK_ATTEMPTS = "flagledger.webhooks.max-attempts=3";

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected GraphQl graphql;
    protected String project;

    @BeforeEach
    void connectAndCreateProject() {
        graphql = GraphQl.at("http://localhost:" + port, "admin", PASSWORD);
        project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQl.Response created = graphql.execute("mutation($key: String!) { createProject(input: {key: $key, name: \"Test\"}) { project { key } } }",
                Map.of("key", project));
        if (!created.ok()) throw new AssertionError("could not create project: " + created.body());
    }

    protected JsonNode createBooleanFlag(String key) {
        GraphQl.Response response = graphql.execute("""
                mutation($project: String!, $key: String!) {
                  createFlag(input: {projectKey: $project, key: $key, name: "A flag", valueType: BOOLEAN}) {
                    flag { id key version }
                  }
                }""", Map.of("project", project, "key", key));
        if (!response.ok()) throw new AssertionError("could not create flag: " + response.body());
        return response.data("createFlag.flag");
    }

    protected GraphQl.Response toggle(String key, String environment, boolean enabled, long expectedVersion,
                                      String reason) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("projectKey", project, "key", key,
                "environment", environment, "enabled", enabled, "expectedVersion", expectedVersion));
        if (reason != null) input.put("reason", reason);
        return graphql.execute("""
                mutation($input: ToggleFlagInput!) {
                  toggleFlag(input: $input) { flag { version environment(key: "%s") { enabled } } }
                }""".formatted(environment), Map.of("input", input));
    }

    protected long eventCount() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    protected long eventsOf(String aggregateId) {
        Long count = jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Long.class, aggregateId);
        return count == null ? 0 : count;
    }
}
