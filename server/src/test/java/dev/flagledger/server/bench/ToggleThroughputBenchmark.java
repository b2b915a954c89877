package dev.flagledger.server.bench;

import dev.flagledger.server.support.EmbeddedPostgresServer;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Toggles per second through GraphQL against the real server jar, on H2 and on PostgreSQL,
 * measured in interleaved rounds so both stores see the same machine noise. Not a test: run it by
 * hand (see docs/BENCHMARKS.md) and quote medians and the ratio between the stores.
 */
public final class ToggleThroughputBenchmark {
    private static final String PASSWORD = "bench-admin-password";

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 4);
        int rounds = Integer.getInteger("rounds", 3);
        int seconds = Integer.getInteger("seconds", 10);
        Path home = Files.createTempDirectory("flagledger-bench");
        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        try {
            servers.put("H2 (embedded default)", ServerProcess.startAsShipped(home.resolve("h2"), ServerProcess.freePort(),
                    Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD)));
            servers.put("PostgreSQL", ServerProcess.startAsShipped(home.resolve("pg"), ServerProcess.freePort(), Map.of(
                    "FLAGLEDGER_ADMIN_PASSWORD", PASSWORD,
                    "FLAGLEDGER_JDBC_URL", EmbeddedPostgresServer.newDatabase("bench"),
                    "FLAGLEDGER_JDBC_USER", "postgres", "FLAGLEDGER_JDBC_PASSWORD", "postgres")));
            Map<String, List<Double>> results = new LinkedHashMap<>();
            Map<String, List<Double>> cpuPerToggle = new LinkedHashMap<>();
            for (var server : servers.entrySet()) {
                prepare(server.getValue(), clients);
                measure(server.getValue(), clients, Integer.getInteger("warmup", 20)); // JIT warm-up, discarded
                results.put(server.getKey(), new ArrayList<>());
                cpuPerToggle.put(server.getKey(), new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++)
                for (var server : servers.entrySet()) {
                    long cpuBefore = server.getValue().cpuTime().toNanos();
                    Measured measured = measure(server.getValue(), clients, seconds);
                    results.get(server.getKey()).add(measured.perSecond());
                    cpuPerToggle.get(server.getKey()).add(
                            (server.getValue().cpuTime().toNanos() - cpuBefore) / 1e6 / measured.toggles());
                }
            System.out.printf("%nToggles per second through GraphQL (%d clients, %d s x %d rounds, interleaved)%n",
                    clients, seconds, rounds);
            double h2 = 0;
            for (var result : results.entrySet()) {
                double median = median(result.getValue());
                if (h2 == 0) h2 = median;
                System.out.printf("| %-22s | median %7.1f /s | rounds %s | vs H2 %.2fx | server CPU per toggle,"
                                + " median %.2f ms |%n", result.getKey(), median,
                        result.getValue().stream().map(v -> String.format("%.1f", v)).toList(), median / h2,
                        median(cpuPerToggle.get(result.getKey())));
            }
        } finally {
            for (ServerProcess server : servers.values()) server.close();
        }
    }

    private static void prepare(ServerProcess server, int clients) {
        GraphQl graphql = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
        check(graphql.execute("mutation { createProject(input: {key: \"bench\", name: \"Bench\"}) { project { key } } }"));
        for (int i = 0; i < clients; i++)
            check(graphql.execute("mutation($k: String!) { createFlag(input: {projectKey: \"bench\", key: $k,"
                    + " name: \"Bench\", valueType: BOOLEAN}) { flag { id } } }", Map.of("k", "flag-" + i)));
    }

    private record Measured(int toggles, double perSecond) {
    }

    /** Each client toggles its own flag in staging as fast as it can; answers completed toggles per second. */
    private static Measured measure(ServerProcess server, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String key = "flag-" + i;
            counts.add(pool.submit(() -> {
                GraphQl graphql = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
                GraphQl.Response current = graphql.execute("query($k: String!) { flag(projectKey: \"bench\", key: $k)"
                        + " { version environment(key: \"staging\") { enabled } } }", Map.of("k", key));
                long version = current.data("flag.version").asLong();
                boolean enabled = current.data("flag.environment.enabled").asBoolean();
                int done = 0;
                while (running.get()) {
                    enabled = !enabled;
                    GraphQl.Response toggled = graphql.execute("mutation($k: String!, $on: Boolean!, $v: Int!) {"
                                    + " toggleFlag(input: {projectKey: \"bench\", key: $k, environment: \"staging\","
                                    + " enabled: $on, expectedVersion: $v}) { flag { version } } }",
                            Map.of("k", key, "on", enabled, "v", version));
                    version = check(toggled).data("toggleFlag.flag.version").asLong();
                    done++;
                }
                return done;
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        int total = 0;
        for (Future<Integer> count : counts) total += count.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Measured(total, total / elapsed);
    }

    private static GraphQl.Response check(GraphQl.Response response) {
        if (!response.ok()) throw new IllegalStateException("benchmark request failed: " + response.body());
        return response;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
