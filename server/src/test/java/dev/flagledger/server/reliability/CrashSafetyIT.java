package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.reliability.CrashWorkload.Creation;
import dev.flagledger.server.reliability.CrashWorkload.Outcome;
import dev.flagledger.server.reliability.CrashWorkload.Toggle;
import dev.flagledger.server.support.EmbeddedPostgresServer;
import dev.flagledger.server.support.FastLaunch;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 1 of issue 15: the built server, on its embedded H2 store and on PostgreSQL, is killed
 * with SIGKILL at random moments while concurrent GraphQL writers run (a quarter of the kills land
 * while it is still starting or catching up), and restarted each time. Afterwards every change the
 * server acknowledged is in the store and in the read models, nothing it refused is, no event is
 * duplicated, every stream's versions are contiguous, the audit chain verifies over the whole store,
 * the persisted tracking processors resumed from their tokens, and evaluation serves the final state.
 * The two stores run at the same time (each its own server and database; PostgreSQL itself keeps
 * running, only the jar is killed): both runs start with the class, on two threads of its own, and each
 * test waits for its store's run and reports its outcome. (The ITs' JUnit pool has two threads, one per
 * lane, see {@link dev.flagledger.server.support.ItLanes}; the class takes one of them, so its two stores
 * cannot be two JUnit tests running side by side.) Selecting one of the tests still runs both stores.
 * {@code -Dflagledger.crash.kills=N} or {@code -Dflagledger.long=true} (200 kills each) make it longer;
 * the seed is printed.
 */
class CrashSafetyIT {
    private static final int KILLS = Reliability.setting("flagledger.crash.kills", 20, 200);
    private static final int WRITERS = 4;
    private static final int FLAGS = 10;
    private static final String PASSWORD = "crash-admin-password";
    private static final String PROJECT = "crash";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Store(String name, Path home, Map<String, String> environment, String jdbcUrl, String user,
                         String password) {
    }

    @TempDir
    static Path homes;
    private static ExecutorService stores;
    private static Future<?> onH2;
    private static Future<?> onPostgres;

    @BeforeAll
    static void bothStoresStartTogether() {
        stores = Executors.newFixedThreadPool(2);
        // The embedded default exactly as a user runs it: no JDBC settings, the H2 file under ./data.
        onH2 = stores.submit(() -> {
            Path home = homes.resolve("h2");
            survivesKills(new Store("H2", home, Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD),
                    "jdbc:h2:file:" + home.resolve("data/flagledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", ""));
            return null;
        });
        onPostgres = stores.submit(() -> {
            String url = EmbeddedPostgresServer.newDatabase("crash");
            survivesKills(new Store("PostgreSQL", homes.resolve("postgres"), Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD,
                    "SPRING_PROFILES_ACTIVE", "postgres", "FLAGLEDGER_JDBC_URL", url, "FLAGLEDGER_JDBC_USER", "postgres",
                    "FLAGLEDGER_JDBC_PASSWORD", "postgres"), url, "postgres", "postgres"));
            return null;
        });
        stores.shutdown();
    }

    /** Both runs have ended (servers stopped) before JUnit deletes their directories. */
    @AfterAll
    static void bothStoresEnded() throws InterruptedException {
        if (stores != null && !stores.awaitTermination(30, TimeUnit.MINUTES))
            throw new IllegalStateException("a crash run did not end within 30 minutes of the tests");
    }

    @Test
    void no_acknowledged_change_is_lost_across_sigkills_on_h2() throws Throwable {
        outcome(onH2);
    }

    @Test
    void no_acknowledged_change_is_lost_across_sigkills_on_postgres() throws Throwable {
        outcome(onPostgres);
    }

    /** Waits for a store's run; its failure (an assertion or an error) is this test's. */
    private static void outcome(Future<?> run) throws Throwable {
        try {
            run.get();
        } catch (ExecutionException failed) {
            throw failed.getCause();
        }
    }

    private static void survivesKills(Store store) throws Exception {
        long seed = Reliability.seed("crash test on " + store.name());
        Random random = new Random(seed);
        int port = ServerProcess.freePort();
        long testStarted = System.nanoTime();

        ServerProcess server = launch(store, port);
        server.awaitHealthy(Duration.ofMinutes(5));
        GraphQl admin = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
        List<String> flags = IntStream.range(0, FLAGS).mapToObj(i -> "f" + i).toList();
        String sdkSecret = AcknowledgedChanges.projectWithFlags(admin, PROJECT, flags);

        // A quarter of the kills, chosen at random, land while the server starts or catches up.
        Set<Integer> duringStart = new HashSet<>();
        while (duringStart.size() < KILLS / 4) duringStart.add(1 + random.nextInt(KILLS - 1));
        List<Long> startMillis = new ArrayList<>();
        long serverCpu = 0;
        long lastStart = 5_000;
        int killsUnderLoad = 0;
        CrashWorkload workload = new CrashWorkload(PROJECT, WRITERS, flags, seed);
        try {
            workload.serverUp(admin);
            for (int kill = 0; kill < KILLS; kill++) {
                if (server == null) {
                    long launched = System.nanoTime();
                    server = launch(store, port);
                    if (duringStart.contains(kill)) {
                        Thread.sleep(200 + random.nextLong(Math.max(1, lastStart * 8 / 10)));
                        serverCpu += cpuOf(server);
                        server.kill();
                        server = null;
                        continue;
                    }
                    server.awaitHealthy(Duration.ofMinutes(5));
                    lastStart = (System.nanoTime() - launched) / 1_000_000;
                    startMillis.add(lastStart);
                    workload.serverUp(GraphQl.at(server.baseUrl(), "admin", PASSWORD));
                }
                // Writes are flowing (one more acknowledged since this start) before the random wait, so every
                // kill under load has changes in flight, however slow the machine is.
                workload.awaitAcknowledgedAfter(workload.acknowledged(), Duration.ofMinutes(2));
                // Short bursts: the kill is what is tested, and every restart costs a start's CPU.
                Thread.sleep(random.nextInt(Reliability.longRun() ? 4_000 : 500));
                serverCpu += cpuOf(server);
                server.kill();
                workload.serverDown();
                server = null;
                killsUnderLoad++;
            }
        } finally {
            workload.close();
            if (server != null) server.kill();
        }

        long launched = System.nanoTime();
        server = launch(store, port);
        JsonNode readFlags;
        JsonNode chain;
        Map<String, String> evaluated;
        long caughtUp;
        try {
            server.awaitHealthy(Duration.ofMinutes(5));
            startMillis.add((System.nanoTime() - launched) / 1_000_000);
            admin = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
            caughtUp = AcknowledgedChanges.awaitReadModelsAtHead(admin, Duration.ofMinutes(3));
            readFlags = admin.execute("""
                    query($p: String!) { flags(projectKey: $p, first: 100) { edges { node { key id version environments { key enabled } } } } }""",
                    Map.of("p", PROJECT)).data("flags.edges");
            chain = admin.execute("{ verifyAuditChain { valid checked firstMismatch { position problem } } }")
                    .data("verifyAuditChain");
            evaluated = AcknowledgedChanges.evaluatedReasons(server.baseUrl(), sdkSecret);
            serverCpu += cpuOf(server);
        } finally {
            server.close();
        }

        StoredEvents stored = StoredEvents.read(store.jdbcUrl(), store.user(), store.password());
        List<Toggle> toggles = workload.toggles();
        List<Creation> creations = workload.creations();
        System.out.printf("crash test on %s: %d kills (%d with writes in flight, %d while starting), toggles: %d"
                        + " acknowledged, %d refused, %d unknown; %d flags created; %d acknowledged answers showed an older"
                        + " read model; restart to healthy: median %d ms, max %d ms; read models at head %d ms after the last"
                        + " start; %d events, audit chain %s over %d; %d s in all, %d s of server CPU%n",
                store.name(), KILLS, killsUnderLoad, KILLS - killsUnderLoad, count(toggles, Outcome.ACKNOWLEDGED),
                count(toggles, Outcome.REFUSED), count(toggles, Outcome.UNKNOWN),
                creations.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count(), workload.staleAnswers(),
                median(startMillis), startMillis.stream().mapToLong(Long::longValue).max().orElse(0), caughtUp,
                stored.rows().size(), chain.path("valid").asBoolean() ? "valid" : "BROKEN", chain.path("checked").asInt(),
                (System.nanoTime() - testStarted) / 1_000_000_000L, serverCpu / 1000);

        assertThat(killsUnderLoad).isGreaterThanOrEqualTo(KILLS - KILLS / 4);
        assertThat(count(toggles, Outcome.ACKNOWLEDGED)).as("the writers got changes through").isGreaterThanOrEqualTo(killsUnderLoad);
        assertThat(stored.integrityProblems()).as("store integrity").isEmpty();
        assertThat(AcknowledgedChanges.lostOrInvented(stored, PROJECT, toggles, creations, flags)).as("acknowledged changes missing from the store,"
                + " or refused ones in it").isEmpty();
        assertThat(AcknowledgedChanges.readModelMismatches(stored, PROJECT, readFlags)).as("flag read model against the store").isEmpty();
        assertThat(chain.path("valid").asBoolean()).as("audit chain: " + chain).isTrue();
        assertThat(chain.path("checked").asLong()).as("audit entries checked = events stored").isEqualTo(stored.rows().size());
        assertThat(stored.auditEntries()).as("one audit entry per event").isEqualTo(stored.rows().size());
        assertThat(AcknowledgedChanges.evaluationMismatches(stored, PROJECT, evaluated)).as("OFREP evaluation (development) against the store").isEmpty();
        assertThat(startsFromNoToken(store.home())).as("starts after the first in which a persisted processor started"
                + " from no token (only the in-memory ones, such as the evaluation snapshot and SDK keys, may)").isEmpty();
    }

    /** CPU milliseconds the server process has used (0 if it is already gone). */
    private static long cpuOf(ServerProcess server) {
        try {
            return server.cpuTime().toMillis();
        } catch (IllegalStateException gone) {
            return 0;
        }
    }

    private static ServerProcess launch(Store store, int port) throws Exception {
        return ServerProcess.launch(store.home(), port, store.environment(),
                FastLaunch.command("-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    /**
     * Start logs (after the first) in which more processors fetched a null token than there are
     * in-memory token stores (Axon logs each one it creates): those rebuild from the store at every start
     * by design; every other processor must resume from its persisted token.
     */
    private static List<String> startsFromNoToken(Path home) throws Exception {
        List<Path> logs;
        try (Stream<Path> files = Files.list(home)) {
            logs = files.filter(path -> path.getFileName().toString().startsWith("server-")).sorted((a, b) -> {
                try {
                    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        List<String> problems = new ArrayList<>();
        // The first log is the very first start; every later start must resume the persisted processors.
        for (Path log : logs.subList(1, logs.size())) {
            List<String> lines = Files.readAllLines(log);
            long fromNothing = lines.stream().filter(line -> line.contains("Fetched token: null")).count();
            long inMemory = lines.stream().filter(line -> line.contains("An in memory token store is being created")).count();
            if (fromNothing > inMemory) problems.add(log.getFileName() + ": " + fromNothing + " from no token, " + inMemory + " in memory");
        }
        return problems;
    }

    private static long count(List<Toggle> toggles, Outcome outcome) {
        return toggles.stream().filter(toggle -> toggle.outcome() == outcome).count();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
