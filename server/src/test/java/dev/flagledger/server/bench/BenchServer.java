package dev.flagledger.server.bench;

import dev.flagledger.server.FlagledgerServer;
import dev.flagledger.server.support.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The server in a benchmark's own JVM, on a free port, against the store the run names (an embedded
 * PostgreSQL, or H2 files in a temp directory that closing removes).
 */
final class BenchServer implements AutoCloseable {
    static final String PASSWORD = "bench-admin-password";
    final ConfigurableApplicationContext app;
    private final Path home;

    private BenchServer(ConfigurableApplicationContext app, Path home) {
        this.app = app;
        this.home = home;
    }

    /** {@code extra}: properties of this benchmark besides the port, admin password, log level and store. */
    static BenchServer start(String store, String name, Map<String, Object> extra) throws IOException {
        Path home = Files.createTempDirectory("flagledger-" + name + "-bench");
        System.setProperty("axoniq.update-checker.disabled", "true"); // as FlagledgerServer#main does
        Map<String, Object> properties = new HashMap<>(Map.of("server.port", "0",
                "FLAGLEDGER_ADMIN_PASSWORD", PASSWORD, "logging.level.org.axonframework", "WARN"));
        properties.putAll(extra);
        if (store.equals("postgres")) {
            properties.put("spring.datasource.url", EmbeddedPostgresServer.newDatabase("bench"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
        } else {
            // H2's "async:" file system: the default one closes the whole database when a thread that is
            // reading is interrupted, and stopping the processors before the load may interrupt them.
            properties.put("spring.datasource.url", "jdbc:h2:async:" + home.resolve("flagledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        }
        // System properties, so they win over application.yml (builder properties would not).
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        return new BenchServer(new SpringApplicationBuilder(FlagledgerServer.class).run(), home);
    }

    int port() {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    public void close() throws IOException {
        app.close();
        try (var files = Files.walk(home)) { // the H2 database; PostgreSQL's goes with its server
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
