package dev.flagledger.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar on its embedded default keeps what it was told across a restart, as a user would check. */
class ServerJarRestartIT {
    private static final String PASSWORD = "restart-admin-password";

    @Test
    void a_flag_toggled_on_in_production_is_still_on_after_a_restart_with_its_version_and_events_kept(
            @TempDir Path home) throws Exception {
        int port = ServerProcess.freePort();
        Map<String, String> env = Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD);
        String flagId;
        try (ServerProcess server = ServerProcess.start(home, port, env)) {
            GraphQl graphql = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
            assertThat(graphql.execute("mutation { createProject(input: {key: \"shop\", name: \"Shop\"}) { project { key } } }")
                    .ok()).isTrue();
            flagId = graphql.execute("mutation { createFlag(input: {projectKey: \"shop\", key: \"new-checkout\","
                    + " name: \"New checkout\", valueType: BOOLEAN}) { flag { id } } }").data("createFlag.flag.id").asText();
            GraphQl.Response toggled = graphql.execute("mutation { toggleFlag(input: {projectKey: \"shop\","
                    + " key: \"new-checkout\", environment: \"production\", enabled: true, expectedVersion: 0,"
                    + " reason: \"launch\"}) { flag { version } } }");
            assertThat(toggled.data("toggleFlag.flag.version").asLong()).isEqualTo(1);
        }

        try (ServerProcess restarted = ServerProcess.start(home, port, env)) {
            JsonNode flag = GraphQl.at(restarted.baseUrl(), "admin", PASSWORD).execute(
                    "{ flag(projectKey: \"shop\", key: \"new-checkout\") { version environment(key: \"production\") { enabled } } }")
                    .data("flag");
            assertThat(flag.path("environment").path("enabled").asBoolean()).isTrue();
            assertThat(flag.path("version").asLong()).isEqualTo(1);
            // The projection resumed from its persisted token instead of replaying from the start.
            assertThat(restarted.log()).contains("Fetched token: ").doesNotContain("Fetched token: null");
        }

        assertThat(Files.exists(home.resolve("data/flagledger.mv.db"))).isTrue();
        try (Connection store = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("data/flagledger")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            List<String> types = new ArrayList<>();
            try (var query = store.prepareStatement("select payloadtype from domainevententry"
                    + " where aggregateidentifier = ? order by sequencenumber")) {
                query.setString(1, flagId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) types.add(rows.getString(1));
                }
            }
            assertThat(types).containsExactly("dev.flagledger.domain.flag.FlagCreated",
                    "dev.flagledger.domain.flag.FlagToggled");
        }
    }

    @Test
    void a_first_start_without_a_configured_password_prints_a_generated_one_once(@TempDir Path home) throws Exception {
        int port = ServerProcess.freePort();
        String firstLog;
        try (ServerProcess server = ServerProcess.start(home, port, Map.of())) {
            firstLog = server.log();
        }
        var printed = java.util.regex.Pattern.compile("username: admin\\s+password: (\\S+)").matcher(firstLog);
        assertThat(printed.find()).as(firstLog).isTrue();
        String password = printed.group(1);
        try (ServerProcess again = ServerProcess.start(home, port, Map.of())) {
            assertThat(again.log()).doesNotContain(password);
            assertThat(GraphQl.at(again.baseUrl(), "admin", password).execute("{ projects { key } }").ok()).isTrue();
        }
    }
}
