package dev.flagledger.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar as Spring Boot's "efficient deployment" runs it: extracted with
 * {@code java -Djarmode=tools -jar flagledger-server.jar extract} and started with a class-data-sharing
 * archive made by one training start ({@code -XX:ArchiveClassesAtExit}, {@code spring.context.exit=onRefresh}).
 * Same classes, same configuration, about a quarter of the CPU per start: the crash test restarts the
 * server dozens of times. Prepared once per jar (cached under target/fast-launch by the jar's size and
 * time); without a usable archive the JVM just starts without it.
 */
public final class FastLaunch {
    private static Prepared prepared;

    private FastLaunch() {
    }

    /** {@code java} with the given JVM options, the archive and the extracted jar, ready for extra arguments. */
    public static synchronized List<String> command(String... jvmOptions) throws IOException, InterruptedException {
        if (prepared == null) prepared = prepare();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmOptions));
        if (Files.isRegularFile(prepared.archive()))
            command.addAll(List.of("-XX:SharedArchiveFile=" + prepared.archive(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(List.of("-jar", prepared.jar().toString()));
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Prepared prepare() throws IOException, InterruptedException {
        Path jar = ServerProcess.jar();
        String version = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path root = Path.of("target", "fast-launch").toAbsolutePath();
        Path home = root.resolve(version);
        Path extracted = home.resolve("app").resolve(jar.getFileName());
        Path archive = home.resolve("app.jsa");
        if (Files.isRegularFile(extracted) && Files.isRegularFile(archive)) return new Prepared(extracted, archive);
        deleteRecursively(root);
        Files.createDirectories(home);
        long started = System.nanoTime();
        run(home, Map.of(), java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                home.resolve("app").toString());
        // The training start: the embedded default in a scratch directory, stopped right after the
        // context refreshed, so the archive holds the classes every start loads.
        Path training = Files.createDirectories(home.resolve("training"));
        run(training, Map.of("FLAGLEDGER_ADMIN_PASSWORD", "training", "PORT", String.valueOf(ServerProcess.freePort())),
                java(), "-Xmx384m", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dspring.context.exit=onRefresh", "-jar", extracted.toString());
        deleteRecursively(training);
        System.out.printf("fast launch prepared in %d s (archive %s)%n", (System.nanoTime() - started) / 1_000_000_000L,
                Files.isRegularFile(archive) ? Files.size(archive) / (1024 * 1024) + " MiB" : "missing");
        return new Prepared(extracted, archive);
    }

    private static void run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("fast-launch-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0)
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                    + Files.readString(log));
        Files.deleteIfExists(log);
    }

    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    private record Prepared(Path jar, Path archive) {
    }
}
