package dev.flagledger.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built server jar, started as a user starts it: its own JVM, working directory and port. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static Path jar() {
        String jar = System.getProperty("flagledger.jar", "target/flagledger-server.jar");
        Path path = Path.of(jar).toAbsolutePath();
        if (!Files.isRegularFile(path))
            throw new IllegalStateException("server jar missing at " + path + "; run mvn package first");
        return path;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The built jar as Spring Boot's efficient deployment runs it (extracted, with a class-data-sharing
     * archive; {@link FastLaunch}) and with C1 only: a test server lives for seconds to minutes, and
     * its start, dozens of times per suite on 2 cores, is mostly class loading and JIT compilation.
     */
    public static ServerProcess start(Path workingDirectory, int port, Map<String, String> environment,
                                      String... extraArgs) throws IOException, InterruptedException {
        return start(workingDirectory, port, environment, FastLaunch.command("-Xmx384m", "-XX:TieredStopAtLevel=1"), extraArgs);
    }

    /**
     * The plain {@code java -jar} with C2, as an operator starts it: for measurements, where the
     * test servers' start-up shortcuts would change what is measured.
     */
    public static ServerProcess startAsShipped(Path workingDirectory, int port, Map<String, String> environment,
                                               String... extraArgs) throws IOException, InterruptedException {
        return start(workingDirectory, port, environment,
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar().toString()),
                extraArgs);
    }

    private static ServerProcess start(Path workingDirectory, int port, Map<String, String> environment,
                                       List<String> java, String... extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(extraArgs));
        ServerProcess server = launch(workingDirectory, port, environment, command);
        // Generous: on a busy 2-core machine (load 30) a start has taken over five minutes; a healthy server answers at once.
        server.awaitHealthy(Duration.ofMinutes(8));
        return server;
    }

    /**
     * Starts {@code command} (a java command line for the server, e.g. {@link FastLaunch#command}) and
     * returns at once, without waiting for it to become healthy. Each start logs to its own file.
     */
    public static ServerProcess launch(Path workingDirectory, int port, Map<String, String> environment,
                                       List<String> command) throws IOException {
        Files.createDirectories(workingDirectory);
        Path log = Files.createTempFile(workingDirectory, "server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start(), log, port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, no graceful shutdown. Waits for the exit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("process " + pid() + " survived SIGKILL");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** CPU time the server process has used so far: a cost measure that load on the machine barely moves. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU accounting"));
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The last {@code lines} lines of this start's log without stack frames, for a failing test to print. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("\tat ") && !line.matches("\\s*\\.\\.\\. \\d+ (common frames )?omitted"))
                    .toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("server exited early:\n" + log());
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("server not healthy within " + timeout + ":\n" + log());
    }

    /** Stops the server the way an operator does (SIGTERM, graceful shutdown) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
