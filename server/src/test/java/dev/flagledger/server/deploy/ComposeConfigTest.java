package dev.flagledger.server.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both compose files are valid for Compose ({@code docker compose config}, or Debian's docker-compose
 * 1.29, neither needs an engine) and describe what docs/deploy.md says they do. The tool is installed by
 * scripts/ensure-docker-compose.sh (scripts/test-all.sh runs it); without it these tests fail, they never skip.
 */
class ComposeConfigTest {
    private static final Path COMPOSE = Path.of("..", "compose").toAbsolutePath().normalize();
    private static final Map<String, String> SECRETS = Map.of("POSTGRES_PASSWORD", "test-pg",
            "FLAGLEDGER_ADMIN_PASSWORD", "test-admin", "KEYCLOAK_ADMIN_PASSWORD", "test-kc");
    private static List<String> compose;

    @BeforeAll
    static void findCompose() throws Exception {
        if (run(List.of("docker", "compose", "version"), Map.of()).status == 0) compose = List.of("docker", "compose");
        else if (run(List.of("docker-compose", "version"), Map.of()).status == 0) compose = List.of("docker-compose");
        else throw new AssertionError("neither 'docker compose' nor 'docker-compose' runs here: run scripts/ensure-docker-compose.sh");
    }

    @Test
    void the_cluster_stack_is_valid_and_has_three_kurrentdb_nodes_and_two_servers() throws Exception {
        Result config = config(COMPOSE.resolve("docker-compose.yml"), SECRETS);

        assertThat(config.status).as(config.output).isZero();
        assertThat(services(config.output)).contains("kurrentdb-1", "kurrentdb-2", "kurrentdb-3", "postgres", "keycloak",
                "flagledger-1", "flagledger-2", "relay-1", "relay-2", "edge");
        assertThat(count(config.output, "healthcheck:")).isEqualTo(9);
        assertThat(config.output).contains("KURRENTDB_CLUSTER_SIZE: '3'").contains("postgres,kurrent")
                .contains("keycloak/flagledger-realm.json").contains("kurrentdb-3-data");
    }

    @Test
    void the_cluster_stack_puts_a_relay_before_each_server_and_the_tested_nginx_config_before_the_relays() throws Exception {
        Result config = config(COMPOSE.resolve("docker-compose.yml"), SECRETS);

        assertThat(config.status).as(config.output).isZero();
        assertThat(config.output).contains("FLAGLEDGER_RELAY_UPSTREAM: http://flagledger-1:8080")
                .contains("FLAGLEDGER_RELAY_UPSTREAM: http://flagledger-2:8080")
                .contains("compose/Dockerfile.relay").contains("relay-1-data:/var/lib/flagledger-relay")
                .contains("docs/nginx/flagledger-relay.conf:/etc/nginx/conf.d/default.conf");
        assertThat(count(config.output, "- relay\n")).as("both relays answer to the name nginx's upstream uses")
                .isEqualTo(2);
    }

    @Test
    void the_cluster_stack_refuses_to_start_without_its_secrets() throws Exception {
        Result config = config(COMPOSE.resolve("docker-compose.yml"), Map.of());

        assertThat(config.status).isNotZero();
        assertThat(config.output).contains("POSTGRES_PASSWORD");
    }

    @Test
    void the_single_node_stack_is_valid_and_has_one_of_each() throws Exception {
        Result config = config(COMPOSE.resolve("docker-compose.single.yml"), Map.of());

        assertThat(config.status).as(config.output).isZero();
        assertThat(services(config.output)).containsExactlyInAnyOrder("kurrentdb", "postgres", "keycloak", "flagledger");
        assertThat(count(config.output, "healthcheck:")).isEqualTo(4);
        assertThat(config.output).contains("KURRENTDB_CLUSTER_SIZE: '1'");
    }

    @Test
    void a_broken_compose_file_fails_validation(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "services:\n  app:\n    image: x\n    healthcheck: every five seconds\n");

        assertThat(config(broken, Map.of()).status).isNotZero();
    }

    private static Result config(Path file, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", file.toString(), "config"));
        return run(command, environment);
    }

    /** The keys of the top-level {@code services:} block of the normalised config. */
    private static List<String> services(String config) {
        List<String> names = new ArrayList<>();
        boolean inServices = false;
        for (String line : config.split("\n")) {
            if (!line.startsWith(" ")) inServices = line.equals("services:");
            else if (inServices && line.matches("  [a-z0-9-]+:")) names.add(line.trim().replace(":", ""));
        }
        return names;
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        SECRETS.keySet().forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(127, notInstalled.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.exitValue(), output);
    }
}
