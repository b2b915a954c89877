package dev.flagledger.server.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Spring Boot jar as Spring Boot's "efficient deployment" runs it: extracted with
 * {@code java -Djarmode=tools -jar the.jar extract} and started with a class-data-sharing archive made
 * by one training run ({@code -XX:ArchiveClassesAtExit}). Same classes, same configuration, less CPU
 * per start: the crash test restarts the server dozens of times, the CLI test runs the CLI forty times.
 * The server's training start is the embedded default in a scratch directory, stopped right after the
 * context refreshed ({@code spring.context.exit=onRefresh}); another jar names its own training run.
 * Prepared once per jar (cached beside it in fast-launch/JAR-NAME by the jar's size and time, one JVM at
 * a time, so every module that starts the jar shares it); without a usable archive the JVM just starts
 * without it.
 */
public final class FastLaunch {
    private static final Map<Path, Prepared> PREPARED = new ConcurrentHashMap<>();
    private static final Map<Path, Object> PREPARING = new ConcurrentHashMap<>();

    private FastLaunch() {
    }

    /**
     * A run of the jar that loads the classes its real runs load and exits by itself: its JVM options,
     * arguments and environment (it runs in a scratch directory).
     */
    public record Training(List<String> jvmOptions, List<String> arguments, Map<String, String> environment) {
    }

    /** {@code java} with the given JVM options, the archive and the extracted server jar, ready for extra arguments. */
    public static List<String> command(String... jvmOptions) throws IOException, InterruptedException {
        return command(ServerProcess.jar(), new Training(List.of("-Dspring.context.exit=onRefresh"), List.of(),
                Map.of("FLAGLEDGER_ADMIN_PASSWORD", "training", "PORT", String.valueOf(ServerProcess.freePort()))), jvmOptions);
    }

    /**
     * {@code java} with the given JVM options, the archive and the extracted {@code jar}, ready for its
     * arguments; the first call for a jar extracts it and makes the archive with {@code training}.
     */
    public static List<String> command(Path jar, Training training, String... jvmOptions)
            throws IOException, InterruptedException {
        Prepared prepared;
        // One lock per jar: the ITs run in two lanes, and the CLI's first preparation (a training run of
        // seconds to a minute) must not hold up the other lane's server starts.
        synchronized (PREPARING.computeIfAbsent(jar, unused -> new Object())) {
            prepared = PREPARED.get(jar);
            if (prepared == null) PREPARED.put(jar, prepared = prepare(jar, training));
        }
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

    /**
     * Prepares under a file lock: the ITs run in several JVMs at once (failsafe forks), and two of them
     * extracting into the same directory would spoil each other's archive.
     */
    private static Prepared prepare(Path jar, Training training) throws IOException, InterruptedException {
        // Beside the jar, not under the caller's target/: relay-it starts server/target's jar too and
        // reuses the archive the server's ITs made (a training start is ~30 s of a loaded machine).
        Path root = jar.toAbsolutePath().resolveSibling("fast-launch").resolve(jar.getFileName().toString());
        Files.createDirectories(root.getParent());
        try (FileChannel lock = FileChannel.open(root.resolveSibling(root.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            return prepareLocked(jar, root, training);
        }
    }

    private static Prepared prepareLocked(Path jar, Path root, Training training) throws IOException, InterruptedException {
        String version = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path home = root.resolve(version);
        Path extracted = home.resolve("app").resolve(jar.getFileName());
        Path archive = home.resolve("app.jsa");
        if (Files.isRegularFile(extracted) && Files.isRegularFile(archive)) return new Prepared(extracted, archive);
        deleteRecursively(root);
        Files.createDirectories(home);
        long started = System.nanoTime();
        run(home, Map.of(), List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                home.resolve("app").toString()));
        Path scratch = Files.createDirectories(home.resolve("training"));
        // C1 only: the training's classes are what counts, and C2 would spend a core compiling for nothing.
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(training.jvmOptions());
        command.addAll(List.of("-jar", extracted.toString()));
        command.addAll(training.arguments());
        run(scratch, training.environment(), command);
        deleteRecursively(scratch);
        System.out.printf("fast launch of %s prepared in %d s (archive %s)%n", jar.getFileName(),
                (System.nanoTime() - started) / 1_000_000_000L,
                Files.isRegularFile(archive) ? Files.size(archive) / (1024 * 1024) + " MiB" : "missing");
        return new Prepared(extracted, archive);
    }

    private static void run(Path directory, Map<String, String> environment, List<String> command)
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
