package dev.flagledger.evaluation.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.flagledger.evaluation.model.EnvironmentDefinition;

class ConfigTreeRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writing_and_reading_back_every_valid_vector_config_gives_equal_definitions() throws IOException {
        List<String> files = JSON.readValue(Path.of("..", "spec", "vectors", "index.json").toFile(),
                new TypeReference<>() {
                });
        for (String file : files) {
            Map<String, Object> spec = JSON.readValue(Path.of("..", "spec", "vectors", file).toFile(),
                    new TypeReference<>() {
                    });
            EnvironmentDefinition read = ConfigTreeReader.read(spec);

            // Through real JSON text, as an SDK would receive it.
            String text = JSON.writeValueAsString(ConfigTreeWriter.write(read.flags(), read.segments()));
            EnvironmentDefinition again = ConfigTreeReader.read(JSON.readValue(text, Map.class));

            assertThat(again.flags()).as(file).isEqualTo(read.flags());
            assertThat(again.segments()).as(file).isEqualTo(read.segments());
            assertThat(again.invalidFlags()).as(file).isEmpty();
        }
    }

    @Test
    void a_malformed_flag_is_set_aside_with_its_path_and_the_others_still_load() {
        EnvironmentDefinition read = ConfigTreeReader.read(Map.of("flags", Map.of(
                "good", Map.of("valueType", "boolean", "enabled", true, "variations", Map.of("on", true),
                        "fallthrough", Map.of("variant", "on")),
                "bad", Map.of("valueType", "boolean", "enabled", "yes", "variations", Map.of("on", true),
                        "fallthrough", Map.of("variant", "on")))));

        assertThat(read.flags()).extracting(f -> f.key()).containsExactly("good");
        assertThat(read.invalidFlags()).containsOnlyKeys("bad");
        assertThat(read.invalidFlags().get("bad")).startsWith("flags.bad.enabled:");
    }

    @Test
    void a_key_field_must_agree_with_the_map_key() {
        EnvironmentDefinition read = ConfigTreeReader.read(Map.of("flags", Map.of(
                "a", Map.of("key", "b", "valueType", "boolean", "enabled", true, "variations", Map.of("on", true),
                        "fallthrough", Map.of("variant", "on")))));
        assertThat(read.invalidFlags()).containsOnlyKeys("a");
    }

    @Test
    void unknown_fields_are_ignored_so_older_sdks_read_newer_configs() {
        EnvironmentDefinition read = ConfigTreeReader.read(Map.of("schema", 2, "flags", Map.of(
                "a", Map.of("valueType", "boolean", "enabled", true, "variations", Map.of("on", true),
                        "fallthrough", Map.of("variant", "on"), "description", "added later"))));
        assertThat(read.flags()).hasSize(1);
    }
}
