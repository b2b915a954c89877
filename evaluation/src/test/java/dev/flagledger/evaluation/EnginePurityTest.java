package dev.flagledger.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** CONVENTIONS section 6: no framework types in evaluation/; one runtime library, commons-codec. */
class EnginePurityTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void main_code_imports_only_the_jdk_commons_codec_and_itself() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            foreign = files.filter(p -> p.toString().endsWith(".java")).flatMap(EnginePurityTest::imports)
                    .filter(name -> !name.startsWith("java.")
                            && !name.startsWith("dev.flagledger.evaluation.")
                            && !name.equals("org.apache.commons.codec.digest.MurmurHash3"))
                    .collect(Collectors.toList());
        }
        assertThat(foreign).isEmpty();
    }

    private static Stream<String> imports(Path file) {
        try {
            Matcher matcher = IMPORT.matcher(Files.readString(file));
            return matcher.results().map(result -> result.group(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
