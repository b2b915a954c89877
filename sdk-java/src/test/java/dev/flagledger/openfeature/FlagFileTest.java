package dev.flagledger.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a project flag file directly (issue 13, local development), as the TypeScript provider does. */
class FlagFileTest {
    private final String domain = "file-" + UUID.randomUUID();
    private FlagledgerProvider provider;

    @TempDir
    Path directory;

    static String project(boolean enabled) {
        return """
                version: 1
                project:
                  key: shop
                  environments:
                    - key: development
                    - key: production
                flags:
                  - key: new-checkout
                    type: boolean
                    variations:
                      - {key: "on", value: true}
                      - {key: "off", value: false}
                    environments:
                      development:
                        enabled: %s
                        defaultVariation: "on"
                        offVariation: "off"
                        targeting:
                          rules:
                            - id: dutch
                              clauses: [{attribute: country, operator: in, values: [NL]}]
                              serve: {variation: "off"}
                      production:
                        enabled: true
                        targeting:
                          fallthroughRollout:
                            weights: [{variation: "on", weight: 100000}, {variation: "off", weight: 0}]
                  - key: retired
                    archived: true
                    type: boolean
                    variations: [{key: "on", value: true}]
                segments:
                  - key: beta
                    included: [alice]
                """.formatted(enabled);
    }

    @AfterEach
    void shutDown() {
        if (provider != null) provider.shutdown();
    }

    private Client client(Path file, String environment) {
        provider = new FlagledgerProvider(FlagledgerOptions.builder().flagFile(file).environment(environment).build());
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
        return OpenFeatureAPI.getInstance().getClient(domain);
    }

    @Test
    void evaluates_the_yaml_file_and_sees_an_edit_within_a_second_through_an_openfeature_client() throws Exception {
        Path file = directory.resolve("flags.yaml");
        Files.writeString(file, project(false));
        Client client = client(file, null);
        ImmutableContext german = new ImmutableContext("u", Map.of("country", new Value("DE")));
        FlagEvaluationDetails<Boolean> before = client.getBooleanDetails("new-checkout", true, german);
        assertThat(before.getValue()).isFalse();
        assertThat(before.getReason()).as("the first environment: development, off").isEqualTo("DISABLED");
        assertThat(client.getBooleanDetails("retired", true, german).getErrorCode().name()).isEqualTo("FLAG_NOT_FOUND");

        CountDownLatch changed = new CountDownLatch(1);
        client.onProviderConfigurationChanged(details -> changed.countDown());
        Path next = directory.resolve("next.yaml");
        Files.writeString(next, project(true));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long saved = System.nanoTime();
        assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - saved) / 1_000_000;
        System.out.println("FLAG_FILE_CHANGE_MS=" + millis);
        assertThat(millis).as("the edit is seen within one second").isLessThan(1_000);
        assertThat(client.getBooleanValue("new-checkout", false, german)).isTrue();
        FlagEvaluationDetails<Boolean> dutch = client.getBooleanDetails("new-checkout", true,
                new ImmutableContext("u", Map.of("country", new Value("NL"))));
        assertThat(dutch.getValue()).isFalse();
        assertThat(dutch.getReason()).isEqualTo("TARGETING_MATCH");

        // A broken edit keeps the last good file, reported as STALE.
        Files.writeString(file, "flags: [ {key: x");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!FlagledgerProvider.STALE.equals(client.getBooleanDetails("new-checkout", false, german).getReason())
                && System.nanoTime() < deadline) Thread.sleep(20);
        FlagEvaluationDetails<Boolean> stale = client.getBooleanDetails("new-checkout", false, german);
        assertThat(stale.getReason()).isEqualTo(FlagledgerProvider.STALE);
        assertThat(stale.getValue()).isTrue();
        assertThat(stale.getFlagMetadata().getString("staleReason")).contains("not loaded");
    }

    @Test
    void another_environment_of_the_file_is_served_when_named_and_json_files_work_too() throws IOException {
        Path file = directory.resolve("flags.json");
        Object document = new org.yaml.snakeyaml.Yaml().load(project(false));
        Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(document));
        Client client = client(file, "production");
        FlagEvaluationDetails<Boolean> production = client.getBooleanDetails("new-checkout", false, new ImmutableContext("u"));
        assertThat(production.getValue()).isTrue();
        assertThat(production.getReason()).as("a 100 % rollout").isEqualTo("SPLIT");
    }
}
