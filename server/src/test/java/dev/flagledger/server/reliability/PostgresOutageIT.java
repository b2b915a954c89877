package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.reliability.CrashWorkload.Outcome;
import dev.flagledger.server.reliability.CrashWorkload.Toggle;
import dev.flagledger.server.support.FastLaunch;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2 of issue 15, the database: the server jar runs on its own PostgreSQL under a steady
 * load of GraphQL writes and OFREP evaluations; PostgreSQL is stopped (fast shutdown, every
 * connection cut) for a while and started again on the same data. While it is away, writes fail
 * fast with the typed {@code UNAVAILABLE} code and evaluation keeps answering from memory; once it
 * is back, writes, read models and evaluation recover by themselves, without a restart of the
 * server. Recovery times are printed (docs/reliability.md). Afterwards every acknowledged change is
 * in the store, read models and audit chain, as in the crash test.
 */
class PostgresOutageIT {
    private static final String PASSWORD = "outage-admin-password";
    private static final String PROJECT = "outage";
    private static final Duration OUTAGE = Duration.ofSeconds(Reliability.setting("flagledger.outage.seconds", 8, 60));

    private record Evaluation(long atNanos, int status, long millis) {
    }

    @Test
    void writes_fail_fast_as_unavailable_evaluation_keeps_answering_and_everything_recovers(@TempDir Path home) throws Exception {
        Path data = home.resolve("pgdata");
        EmbeddedPostgres postgres = postgresOn(data, 0);
        int pgPort = postgres.getPort();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("create database flagledger");
        }
        String url = "jdbc:postgresql://localhost:" + pgPort + "/flagledger";
        ServerProcess server = ServerProcess.launch(home, ServerProcess.freePort(), Map.of(
                "FLAGLEDGER_ADMIN_PASSWORD", PASSWORD, "SPRING_PROFILES_ACTIVE", "postgres", "FLAGLEDGER_JDBC_URL", url,
                "FLAGLEDGER_JDBC_USER", "postgres", "FLAGLEDGER_JDBC_PASSWORD", "postgres"), FastLaunch.command("-Xmx384m"));
        EmbeddedPostgres restarted = null;
        ExecutorService evaluators = Executors.newFixedThreadPool(2);
        try {
            server.awaitHealthy(Duration.ofMinutes(5));
            GraphQl admin = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
            List<String> flags = IntStream.range(0, 8).mapToObj(i -> "f" + i).toList();
            String secret = AcknowledgedChanges.projectWithFlags(admin, PROJECT, flags);

            List<Evaluation> evaluations = Collections.synchronizedList(new ArrayList<>());
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest bulk = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/ofrep/v1/evaluate/flags"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + secret)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u-1\"}}")).build();
            volatileStop = false;
            for (int i = 0; i < 2; i++)
                evaluators.submit(() -> {
                    while (!volatileStop) {
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = http.send(bulk, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception failed) {
                            status = -1;
                        }
                        evaluations.add(new Evaluation(started, status, (System.nanoTime() - started) / 1_000_000));
                        pause(25);
                    }
                });

            CrashWorkload workload = new CrashWorkload(PROJECT, 3, flags, Reliability.seed("postgres outage"));
            long down;
            long up;
            long writesBack;
            List<Toggle> probes = new ArrayList<>();
            try {
                GraphQl writer = AcknowledgedChanges.apiTokenClient(admin, server.baseUrl());
                workload.serverUp(writer);
                workload.awaitAcknowledgedAfter(workload.acknowledged() + 20, Duration.ofMinutes(2));

                // pg_ctl stop -m fast: every connection is cut and open transactions roll back; the data stays.
                // zonky's stop gives pg_ctl 5 s; on a loaded machine the postmaster may take longer to exit,
                // so the outage is counted from the moment it is really gone.
                postgres.close();
                awaitStopped(data, Duration.ofMinutes(2));
                down = System.nanoTime();
                // The test writes too, one toggle after another for the whole outage.
                long until = down + OUTAGE.toNanos();
                while (System.nanoTime() < until) probes.add(CrashWorkload.tryToggle(writer, PROJECT, "f0", "production", true, 0));
                // The same data directory and port: no initdb (it exists), the postmaster starts on it again.
                restarted = postgresOn(data, pgPort);
                awaitPostgres(url, Duration.ofMinutes(2));
                up = System.nanoTime();
                int acknowledgedAtRestart = workload.acknowledged();
                workload.awaitAcknowledgedAfter(acknowledgedAtRestart, Duration.ofMinutes(3));
                writesBack = System.nanoTime();
                assertThat(workload.acknowledged()).as("writes acknowledged again after PostgreSQL returned").isGreaterThan(acknowledgedAtRestart);
                Thread.sleep(1_000);
            } finally {
                workload.close();
            }
            long readModelsBack = AcknowledgedChanges.awaitReadModelsAtHead(admin, Duration.ofMinutes(3));
            List<Toggle> afterwards = new ArrayList<>();
            long freshAfter = AcknowledgedChanges.evaluationSeesANewToggle(admin, server.baseUrl(), secret, PROJECT, up, afterwards);
            volatileStop = true;
            evaluators.shutdown();
            assertThat(evaluators.awaitTermination(2, TimeUnit.MINUTES)).as("evaluators stopped").isTrue();

            List<Toggle> toggles = new ArrayList<>(workload.toggles());
            toggles.addAll(probes);
            toggles.addAll(afterwards);
            List<Toggle> duringOutage = toggles.stream().filter(t -> t.startedNanos() > down
                    && t.startedNanos() + t.millis() * 1_000_000 < up).toList();
            List<Evaluation> evaluatedDuringOutage = evaluations.stream().filter(e -> e.atNanos() > down && e.atNanos() < up).toList();
            long failFastMillis = duringOutage.stream().mapToLong(Toggle::millis).sorted().skip(duringOutage.size() / 2).findFirst().orElse(-1);
            long worstFail = duringOutage.stream().mapToLong(Toggle::millis).max().orElse(-1);
            System.out.printf("postgres outage of %.1f s: %d writes tried while it was down (%d by the test), codes %s, median %d ms,"
                            + " max %d ms; %d evaluations while down, statuses %s; writes acknowledged again %d ms after PostgreSQL"
                            + " accepted connections, read models at head %d ms later, a new toggle evaluated %d ms after PostgreSQL returned%n",
                    (up - down) / 1e9, duringOutage.size(), probes.size(),
                    duringOutage.stream().map(t -> String.valueOf(t.code())).distinct().toList(), failFastMillis, worstFail,
                    evaluatedDuringOutage.size(), evaluatedDuringOutage.stream().map(Evaluation::status).distinct().toList(),
                    (writesBack - up) / 1_000_000, readModelsBack, freshAfter);

            assertThat(probes).as("the test's writes while PostgreSQL was away").isNotEmpty();
            assertThat(duringOutage).as(() -> "writes were tried while PostgreSQL was away; the attempts around it (start s"
                    + " after it went, ms, outcome, code): " + toggles.stream()
                    .filter(t -> t.startedNanos() > down - 5_000_000_000L && t.startedNanos() < up + 5_000_000_000L)
                    .map(t -> String.format("%.1f/%d/%s/%s", (t.startedNanos() - down) / 1e9, t.millis(), t.outcome(), t.code()))
                    .toList() + ", back at " + (up - down) / 1_000_000_000.0 + " s").isNotEmpty();
            assertThat(duringOutage).as("every write while PostgreSQL is away is refused as UNAVAILABLE")
                    .allSatisfy(toggle -> assertThat(toggle.code()).as(toggle.toString()).isEqualTo("UNAVAILABLE"));
            assertThat(failFastMillis).as("median time to refuse a write while PostgreSQL is away (ms)").isLessThan(10_000);
            assertThat(evaluatedDuringOutage).as("evaluations while PostgreSQL is away").isNotEmpty()
                    .allSatisfy(evaluation -> assertThat(evaluation.status()).isEqualTo(200));

            JsonNode readFlags = admin.execute("""
                    query($p: String!) { flags(projectKey: $p, first: 100) { edges { node { key id version environments { key enabled } } } } }""",
                    Map.of("p", PROJECT)).data("flags.edges");
            JsonNode chain = admin.execute("{ verifyAuditChain { valid checked } }").data("verifyAuditChain");
            StoredEvents stored = StoredEvents.read(url, "postgres", "postgres");
            assertThat(stored.integrityProblems()).isEmpty();
            assertThat(AcknowledgedChanges.lostOrInvented(stored, PROJECT, toggles, workload.creations(), flags)).isEmpty();
            assertThat(AcknowledgedChanges.readModelMismatches(stored, PROJECT, readFlags)).isEmpty();
            assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
            assertThat(chain.path("checked").asLong()).isEqualTo(stored.rows().size());
            assertThat(toggles.stream().filter(t -> t.outcome() == Outcome.ACKNOWLEDGED).count()).isPositive();
        } catch (AssertionError | RuntimeException failed) {
            System.out.println("postgres outage failed; the server's log, last 100 lines:\n" + server.logTail(100));
            throw failed;
        } finally {
            volatileStop = true;
            evaluators.shutdownNow();
            server.close();
            if (restarted != null) restarted.close();
            else postgres.close();
        }
    }

    private static volatile boolean volatileStop;

    /**
     * Toggles a flag after the outage (recorded in {@code toggles}, for the store check) and waits until
     * OFREP serves it; answers ms since PostgreSQL returned.
     */
    /** zonky's server on {@code data} (kept when it exists), with a start-up wait that allows for a loaded machine. */
    private static EmbeddedPostgres postgresOn(Path data, int port) throws java.io.IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofMinutes(3));
        return (port > 0 ? builder.setPort(port) : builder).start();
    }

    /** Waits until the postmaster has removed its pid file: it has exited and the port is free again. */
    private static void awaitStopped(Path data, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.exists(data.resolve("postmaster.pid"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("PostgreSQL did not stop within " + timeout);
            Thread.sleep(100);
        }
    }

    private static void awaitPostgres(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection(url, "postgres", "postgres")) {
                return;
            } catch (java.sql.SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("PostgreSQL did not come back within " + timeout);
    }

    private static GraphQl.Response must(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("request failed: " + response.body());
        return response;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
