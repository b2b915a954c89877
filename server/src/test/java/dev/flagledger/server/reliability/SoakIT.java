package dev.flagledger.server.reliability;

import dev.flagledger.server.support.FastLaunch;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 5 of issue 15: the server jar under a steady, mixed load (GraphQL toggles, OFREP single
 * and bulk evaluations, SDK streams that connect, read and leave) for 2 minutes in the default suite
 * and 30 with {@code -Dflagledger.long=true} ({@code -Dflagledger.soak.seconds=N} for any other length).
 * Every 10 s it samples the server process from outside: heap after a full GC ({@code jcmd GC.run},
 * {@code GC.heap_info}), threads and open file descriptors ({@code /proc}), and the p99 latency of
 * the window's requests. After a warm-up, the end of the run must look like its start: heap, threads
 * and descriptors flat, p99 not drifting. The figures are printed for docs/reliability.md.
 */
class SoakIT {
    private static final int SECONDS = Reliability.setting("flagledger.soak.seconds", 120, 1800);
    private static final int SAMPLE_SECONDS = 10;
    private static final String PASSWORD = "soak-admin-password";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    record Sample(long second, long heapKiB, long threads, long descriptors, long p99Millis, int requests, int errors) {
    }

    @Test
    void heap_threads_and_descriptors_stay_flat_and_p99_does_not_drift(@TempDir Path home) throws Exception {
        ServerProcess server = ServerProcess.launch(home, ServerProcess.freePort(), Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD),
                FastLaunch.command("-Xmx384m"));
        ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
        try {
            server.awaitHealthy(Duration.ofMinutes(5));
            GraphQl admin = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
            List<String> flags = IntStream.range(0, 20).mapToObj(i -> "f" + i).toList();
            String secret = AcknowledgedChanges.projectWithFlags(admin, "soak", flags);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Long> window = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger errors = new AtomicInteger();
            AtomicLong toggles = new AtomicLong();
            // Writes: 4 toggles a second, round the flags, each with the version it read back.
            load.scheduleAtFixedRate(() -> timed(window, errors, () -> {
                String flag = flags.get((int) (toggles.getAndIncrement() % flags.size()));
                GraphQl.Response read = admin.execute("{ flag(projectKey: \"soak\", key: \"" + flag + "\") { version environment(key: \"development\") { enabled } } }");
                if (!read.ok()) return false;
                return admin.execute("mutation($k: String!, $v: Int!, $e: Boolean!) { toggleFlag(input: {projectKey: \"soak\","
                                + " key: $k, environment: \"development\", enabled: $e, expectedVersion: $v}) { flag { version } } }",
                        Map.of("k", flag, "v", read.data("flag.version").asInt(),
                                "e", !read.data("flag.environment.enabled").asBoolean())).ok();
            }), 0, 250, TimeUnit.MILLISECONDS);
            // Evaluations: 40 a second, single and bulk, over changing contexts.
            AtomicLong users = new AtomicLong();
            for (String path : List.of("/ofrep/v1/evaluate/flags/f1", "/ofrep/v1/evaluate/flags"))
                load.scheduleAtFixedRate(() -> timed(window, errors, () -> http.send(HttpRequest.newBuilder(
                                        URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"user-" + users.incrementAndGet() + "\"}}"))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200),
                        0, 50, TimeUnit.MILLISECONDS);
            // Streams: a new SDK stream every second, read for three seconds and closed, so connections churn.
            load.scheduleAtFixedRate(() -> {
                try {
                    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sdk/v1/stream"))
                            .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofInputStream());
                    if (stream.statusCode() != 200) errors.incrementAndGet();
                    load.schedule(() -> {
                        try {
                            stream.body().readNBytes(Math.max(0, stream.body().available()));
                            stream.body().close();
                        } catch (Exception ignored) {
                            // closing a stream the server already ended
                        }
                    }, 3, TimeUnit.SECONDS);
                } catch (Exception failed) {
                    errors.incrementAndGet();
                }
            }, 0, 1, TimeUnit.SECONDS);

            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            for (int second = SAMPLE_SECONDS; second <= SECONDS; second += SAMPLE_SECONDS) {
                long due = started + second * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000);
                List<Long> latencies;
                synchronized (window) {
                    latencies = new ArrayList<>(window);
                    window.clear();
                }
                samples.add(new Sample(second, heapAfterFullGc(server.pid()), threads(server.pid()), descriptors(server.pid()),
                        percentile(latencies, 0.99), latencies.size(), errors.getAndSet(0)));
                System.out.println("soak " + samples.get(samples.size() - 1));
            }
            load.shutdownNow();

            // The first 30 s warm up (JIT, caches, pools); compare the next three samples with the last three.
            List<Sample> settled = samples.subList(Math.min(3, samples.size() - 6), samples.size());
            Sample start = median(settled.subList(0, 3));
            Sample end = median(settled.subList(settled.size() - 3, settled.size()));
            System.out.printf("soak of %d s: heap after full GC %d -> %d KiB, threads %d -> %d, descriptors %d -> %d,"
                            + " p99 %d -> %d ms (%d requests a window at the end)%n", SECONDS, start.heapKiB(), end.heapKiB(),
                    start.threads(), end.threads(), start.descriptors(), end.descriptors(), start.p99Millis(), end.p99Millis(),
                    end.requests());
            assertThat(samples.stream().mapToInt(Sample::errors).sum()).as("failed requests during the soak").isZero();
            assertThat(end.heapKiB()).as("heap after full GC, KiB (start %d)", start.heapKiB())
                    .isLessThanOrEqualTo(Math.max(start.heapKiB() * 5 / 4, start.heapKiB() + 16 * 1024));
            assertThat(end.threads()).as("threads (start %d)", start.threads()).isLessThanOrEqualTo(start.threads() + 10);
            assertThat(end.descriptors()).as("file descriptors (start %d)", start.descriptors()).isLessThanOrEqualTo(start.descriptors() + 20);
            // Generous, as the machine is shared: a drift is a p99 several times higher and 100 ms worse.
            assertThat(end.p99Millis()).as("p99 ms (start %d)", start.p99Millis())
                    .isLessThanOrEqualTo(Math.max(start.p99Millis() * 3, start.p99Millis() + 100));
        } finally {
            load.shutdownNow();
            server.close();
        }
    }

    private interface Request {
        boolean send() throws Exception;
    }

    private static void timed(List<Long> window, AtomicInteger errors, Request request) {
        long started = System.nanoTime();
        try {
            if (!request.send()) errors.incrementAndGet();
        } catch (Exception failed) {
            errors.incrementAndGet();
        }
        window.add((System.nanoTime() - started) / 1_000_000);
    }

    private static long heapAfterFullGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        return output;
    }

    private static long threads(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("Threads:")).mapToLong(line -> Long.parseLong(line.substring(8).trim()))
                .findFirst().orElseThrow();
    }

    private static long descriptors(long pid) throws Exception {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }

    private static long percentile(List<Long> values, double quantile) {
        if (values.isEmpty()) return 0;
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static Sample median(List<Sample> three) {
        return new Sample(three.get(1).second(), medianOf(three, Sample::heapKiB), medianOf(three, Sample::threads),
                medianOf(three, Sample::descriptors), medianOf(three, Sample::p99Millis), three.get(1).requests(), 0);
    }

    private static long medianOf(List<Sample> three, java.util.function.ToLongFunction<Sample> value) {
        return three.stream().mapToLong(value).sorted().skip(1).findFirst().orElseThrow();
    }

    private static GraphQl.Response must(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("request failed: " + response.body());
        return response;
    }
}
