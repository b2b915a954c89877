package dev.flagledger.server.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2 (Node): runs {@code sdk-conformance/ofrep-node} ({@code @openfeature/server-sdk} with
 * {@code @openfeature/ofrep-provider}, under {@code node --test}) against the real server jar and
 * requires every Node test to pass. Maven's {@code ofrep-node-dependencies} execution installs its
 * node_modules first; {@code -Dnode.it.skip=true} leaves both out of a build without Node.
 */
@DisabledIfSystemProperty(named = "flagledger.node-it.skip", matches = "true")
class NodeOfrepProviderIT {

    @Test
    void the_npm_ofrep_provider_passes_every_node_test_against_the_jar() throws Exception {
        OfrepServer server = OfrepServer.get();
        Path project = Path.of(System.getProperty("flagledger.ofrep-node.dir", "../sdk-conformance/ofrep-node"))
                .toAbsolutePath().normalize();
        assertThat(project.resolve("node_modules/@openfeature/ofrep-provider"))
                .as("npm dependencies (the ofrep-node-dependencies Maven execution installs them)").isDirectory();

        Map<String, String> split = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) split.put("user-" + i, OfrepServer.checkoutSplitVariant("user-" + i));

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap", "test/")
                .directory(project.toFile()).redirectErrorStream(true);
        node.environment().putAll(Map.of(
                "FLAGLEDGER_URL", server.baseUrl(),
                "FLAGLEDGER_STAGING_KEY", server.stagingKey,
                "FLAGLEDGER_PRODUCTION_KEY", server.productionKey,
                "FLAGLEDGER_EXPECTED_SPLIT", new ObjectMapper().writeValueAsString(split)));
        Process process = node.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[node] " + line);
                output.append(line).append('\n');
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        assertThat(process.exitValue()).as(output.toString()).isZero();
        // Guard against a run that passes because it ran nothing.
        assertThat(output.toString()).contains("# pass 11").contains("# fail 0");
        assertThat(Files.readString(project.resolve("package-lock.json"))).contains("@openfeature/ofrep-provider");
    }
}
