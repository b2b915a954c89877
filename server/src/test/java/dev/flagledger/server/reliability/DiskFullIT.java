package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.reliability.CrashWorkload.Outcome;
import dev.flagledger.server.reliability.CrashWorkload.Toggle;
import dev.flagledger.server.support.FastLaunch;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.Tag;
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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2 of issue 15, the disk: the server jar on its embedded H2 store, whose ./data is a
 * 64 MiB tmpfs of its own ({@link SmallDisk}: a private mount namespace, so nothing is mounted on the
 * host). Under a steady write and evaluation load the file system is filled to the last byte; writes
 * are refused with a typed error while evaluation keeps answering from memory; the space is given
 * back and writes recover by themselves. Then the server is stopped and the store read directly:
 * every acknowledged change is there, nothing refused is, streams are contiguous, and a fresh start
 * of the server on the same files verifies the audit chain.
 */
// Runs only with -Plong-reliability (disk full for 6 s) or -Dflagledger.long=true (60 s), the "long" tag
// (server/pom.xml): under load the 60 s variant found H2 losing acknowledged writes and once a read model
// out of step with its token (docs/reliability.md "What is left"); a test known to fail now and then stays
// out of the default suite until that is fixed.
@Tag("long")
class DiskFullIT {
    private static final String PASSWORD = "disk-admin-password";
    private static final String PROJECT = "disk";
    private static final Duration FULL = Duration.ofSeconds(Reliability.setting("flagledger.disk-full.seconds", 6, 60));

    @Test
    void a_full_disk_refuses_writes_corrupts_nothing_and_writes_recover_when_space_returns(@TempDir Path home) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(home.resolve("data"), 64)) {
            List<String> command = new ArrayList<>(disk.enterIn(home));
            command.addAll(FastLaunch.command("-Xmx384m"));
            int port = ServerProcess.freePort();
            Map<String, String> environment = Map.of("FLAGLEDGER_ADMIN_PASSWORD", PASSWORD);
            ServerProcess server = ServerProcess.launch(home, port, environment, command);
            List<Toggle> toggles;
            CrashWorkload workload;
            List<String> flags = IntStream.range(0, 6).mapToObj(i -> "f" + i).toList();
            List<Integer> evaluatedWhileFull = new ArrayList<>();
            List<Toggle> probes = new ArrayList<>();
            long writesBackMillis;
            long filled;
            try {
                server.awaitHealthy(Duration.ofMinutes(5));
                assertThat(disk.outside("flagledger.mv.db")).as("the server's H2 file is on the small disk").isRegularFile();
                GraphQl admin = GraphQl.at(server.baseUrl(), "admin", PASSWORD);
                String secret = AcknowledgedChanges.projectWithFlags(admin, PROJECT, flags);

                workload = new CrashWorkload(PROJECT, 3, flags, Reliability.seed("disk full"));
                long full;
                long freed;
                try {
                    GraphQl writer = AcknowledgedChanges.apiTokenClient(admin, server.baseUrl());
                    workload.serverUp(writer);
                    workload.awaitAcknowledgedAfter(workload.acknowledged() + 20, Duration.ofMinutes(2));
                    filled = disk.fill();
                    full = System.nanoTime();
                    HttpClient http = HttpClient.newHttpClient();
                    long until = System.nanoTime() + FULL.toNanos();
                    while (System.nanoTime() < until) {
                        // Kept full: H2 gives space back when a closed database's file is compacted or shrunk at
                        // close, and the 60 s variant then saw writes acknowledged on a disk no longer full.
                        filled += disk.fill();
                        // The test writes too (the writers mostly wait on reads, which fail alike), and evaluates.
                        probes.add(CrashWorkload.tryToggle(writer, PROJECT, "f0", "production", true, 0));
                        evaluatedWhileFull.add(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/ofrep/v1/evaluate/flags"))
                                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u\"}}")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode());
                        Thread.sleep(100);
                    }
                    disk.free();
                    freed = System.nanoTime();
                    int acknowledgedWhenFreed = workload.acknowledged();
                    workload.awaitAcknowledgedAfter(acknowledgedWhenFreed + 5, Duration.ofMinutes(3));
                    writesBackMillis = (System.nanoTime() - freed) / 1_000_000;
                    assertThat(workload.acknowledged()).as("writes acknowledged again after the space came back, without a restart")
                            .isGreaterThan(acknowledgedWhenFreed + 5);
                } finally {
                    workload.close();
                }
                toggles = new ArrayList<>(workload.toggles());
                toggles.addAll(probes);
                // Recovery time: from the space returning to the first write the server acknowledged after it.
                long firstWriteBack = toggles.stream().filter(t -> t.outcome() == Outcome.ACKNOWLEDGED && t.startedNanos() + t.millis() * 1_000_000 > freed)
                        .mapToLong(t -> (t.startedNanos() + t.millis() * 1_000_000 - freed) / 1_000_000).min().orElse(-1);
                long readModelsBack = AcknowledgedChanges.awaitReadModelsAtHead(admin, Duration.ofMinutes(3));
                // The tracking processors retried by themselves: a toggle made now reaches evaluation.
                List<Toggle> afterwards = new ArrayList<>();
                long evaluationBack = AcknowledgedChanges.evaluationSeesANewToggle(admin, server.baseUrl(), secret, PROJECT, freed, afterwards);
                toggles.addAll(afterwards);
                String log = server.log();
                long closures = log.lines().filter(line -> line.contains("The embedded store closed its database")).count();
                List<String> reopenings = log.lines().filter(line -> line.contains("Reopening the embedded store"))
                        .map(line -> line.substring(line.indexOf("Reopening"))).toList();
                List<Toggle> whileFull = toggles.stream().filter(t -> t.startedNanos() > full
                        && t.startedNanos() + t.millis() * 1_000_000 < freed).toList();
                System.out.printf("disk full for %d s (%d MiB of ballast; %d writes acknowledged into free space inside H2's file): %d writes tried (%d by the test), outcomes %s, codes %s, median %d ms;"
                                + " %d evaluations, statuses %s; RECOVERY: first write acknowledged %d ms after the space returned"
                                + " (5 more within %d ms), read models at head %d ms later, a new toggle evaluated %d ms after the space"
                                + " returned; H2 closed its database %d times, reopenings: %s%n",
                        FULL.toSeconds(), filled / (1024 * 1024), whileFull.stream().filter(t -> t.outcome() == Outcome.ACKNOWLEDGED).count(),
                        whileFull.size(), probes.size(),
                        whileFull.stream().map(Toggle::outcome).distinct().toList(),
                        whileFull.stream().map(t -> String.valueOf(t.code())).distinct().toList(),
                        whileFull.stream().mapToLong(Toggle::millis).sorted().skip(whileFull.size() / 2).findFirst().orElse(-1),
                        evaluatedWhileFull.size(), evaluatedWhileFull.stream().distinct().toList(), firstWriteBack, writesBackMillis,
                        readModelsBack, evaluationBack, closures, reopenings);
                assertThat(evaluatedWhileFull).as("evaluation while the disk is full").isNotEmpty().allSatisfy(status -> assertThat(status).isEqualTo(200));
                assertThat(probes).as("the test's writes while the disk was full").isNotEmpty();
                // A write acknowledged while the file system is full is allowed: H2 writes into free space inside its
                // file (a reopened, compacted database has some), which the 60 s variant reached. That it is really
                // stored is checked below with every other acknowledged change. Every other write gets a typed answer:
                // UNAVAILABLE, or CONFLICT when the write's expected version was stale (reads may still work from
                // H2's cache while the disk is full, so a stale write is refused for that before any disk is needed),
                // or NOT_FOUND for a toggle of a flag whose creation's answer was lost. Refused ones must not be stored.
                assertThat(whileFull).as("every write while the disk is full is acknowledged or gets a typed refusal")
                        .allSatisfy(toggle -> assertThat(toggle.outcome() == Outcome.ACKNOWLEDGED ? "ACKNOWLEDGED" : toggle.code())
                                .as(toggle.toString()).isIn("ACKNOWLEDGED", "UNAVAILABLE", "CONFLICT", "NOT_FOUND"));
                assertThat(whileFull).as("writes refused as UNAVAILABLE while the disk is full")
                        .filteredOn(toggle -> "UNAVAILABLE".equals(toggle.code())).isNotEmpty();
            } catch (AssertionError | RuntimeException failed) {
                System.out.println("disk full failed; the server's log, last 100 lines:\n" + server.logTail(100));
                throw failed;
            } finally {
                server.close();
                // Kept as a build artifact: the closures and reopenings are read from it when a run is slow.
                Files.writeString(Path.of("target", "DiskFullIT-server.log"), server.log());
            }

            // The store as it is on the small disk, read directly: the acknowledged changes, nothing more. From a
            // copy: H2 resolves /proc/<pid>/root to the host's / and would open (create) an empty file there.
            Path copy = Files.createDirectories(home.resolve("copy"));
            Files.copy(disk.outside("flagledger.mv.db"), copy.resolve("flagledger.mv.db"));
            String url = "jdbc:h2:file:" + copy.resolve("flagledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
            StoredEvents stored = StoredEvents.read(url, "sa", "");
            // Both reported before either is asserted: a gap in a stream is explained by whether its change was acknowledged.
            var integrityProblems = stored.integrityProblems();
            var lostOrInvented = AcknowledgedChanges.lostOrInvented(stored, PROJECT, toggles, workload.creations(), flags);
            if (!integrityProblems.isEmpty() || !lostOrInvented.isEmpty())
                System.out.println("the store read directly: " + integrityProblems + "; lost or invented: " + lostOrInvented);
            assertThat(integrityProblems).isEmpty();
            assertThat(lostOrInvented).isEmpty();

            // And the server starts again on it, with read models and audit chain equal to the events.
            ServerProcess again = ServerProcess.launch(home, port, environment, command);
            try {
                again.awaitHealthy(Duration.ofMinutes(5));
                GraphQl admin = GraphQl.at(again.baseUrl(), "admin", PASSWORD);
                AcknowledgedChanges.awaitReadModelsAtHead(admin, Duration.ofMinutes(3));
                JsonNode readFlags = admin.execute("""
                        query($p: String!) { flags(projectKey: $p, first: 100) { edges { node { key id version environments { key enabled } } } } }""",
                        Map.of("p", PROJECT)).data("flags.edges");
                JsonNode chain = admin.execute("{ verifyAuditChain { valid checked } }").data("verifyAuditChain");
                assertThat(AcknowledgedChanges.readModelMismatches(stored, PROJECT, readFlags)).isEmpty();
                assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
                assertThat(chain.path("checked").asLong()).isEqualTo(stored.rows().size());
            } finally {
                again.close();
            }
        }
    }

    private static GraphQl.Response must(GraphQl.Response response) {
        if (!response.ok()) throw new AssertionError("request failed: " + response.body());
        return response;
    }
}
