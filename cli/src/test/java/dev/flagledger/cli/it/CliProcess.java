package dev.flagledger.cli.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The built CLI jar, run as a user runs it: its own JVM, arguments, environment, exit code. */
public final class CliProcess {
    private CliProcess() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("flagledger.cli.jar", "target/flagledger-cli.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("CLI jar missing at " + jar + "; run mvn package first");
        return jar;
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs to completion (generous deadline for a loaded machine). */
    public static Result run(Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("FLAGLEDGER_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("flagledger " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    /** A long-running command (dev): its standard output arrives line by line. */
    public static final class Background implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        public Background(Path directory, String... args) throws IOException {
            process = new ProcessBuilder(command(args)).directory(directory.toFile()).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) lines.add(line);
                } catch (IOException ended) {
                    // the process is gone
                }
            }, "cli-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line containing {@code text}, waiting up to {@code timeout}. */
        public String await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            StringBuilder seen = new StringBuilder();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!process.isAlive()) break;
                    continue;
                }
                seen.append(line).append('\n');
                if (line.contains(text)) return line;
            }
            throw new AssertionError("no line with '" + text + "' within " + timeout + "; output:\n" + seen);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
