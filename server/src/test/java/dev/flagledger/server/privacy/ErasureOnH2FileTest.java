package dev.flagledger.server.privacy;

import dev.flagledger.server.support.ServerSpec;
import dev.flagledger.server.support.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The embedded default's store as it is deployed: an H2 database file (in a temporary directory). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"FLAGLEDGER_ADMIN_PASSWORD=" + ServerSpec.PASSWORD, TestTokens.ISSUER_PROPERTY,
        TestTokens.AUDIENCE_PROPERTY, TestTokens.KEY_PROPERTY})
class ErasureOnH2FileTest extends ErasureSpec {
    private static final Path DIRECTORY = temporaryDirectory();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> "jdbc:h2:file:" + DIRECTORY.resolve("flagledger")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
    }

    @Override
    protected List<Path> storeFiles() {
        return List.of(DIRECTORY);
    }

    @Override
    protected void flushToDisk() {
        jdbc.execute("checkpoint sync");
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("flagledger-erasure-h2");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException ignored) {
                    // the JVM is going away; /tmp is cleaned by the system
                }
            }));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
