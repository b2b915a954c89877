package dev.flagledger.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.GraphQl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrent GraphQL writers that keep going across crashes and remember what the server told them.
 * Each writer toggles flags with the version it last saw (some flags are shared, so writers also
 * collide) and now and then creates a flag. Every attempt is recorded with its outcome: acknowledged
 * (the server answered success), refused (a typed rejection: nothing may have been written) or
 * unknown (the connection died, or an untyped error: either is allowed). Between a kill and the next
 * start the writers idle.
 */
final class CrashWorkload implements AutoCloseable {
    static final List<String> ENVIRONMENTS = List.of("development", "staging", "production");

    enum Outcome { ACKNOWLEDGED, REFUSED, UNKNOWN }

    /** One toggle attempt; {@code code} is the error's extensions.code (null on success or a lost connection). */
    record Toggle(String flagKey, long expectedVersion, String environment, boolean enabled, Outcome outcome,
                  long answeredVersion, String code, long startedNanos, long millis) {
    }

    record Creation(String flagKey, Outcome outcome) {
    }

    private final String project;
    private final AtomicReference<GraphQl> server = new AtomicReference<>();
    private final List<Toggle> toggles = Collections.synchronizedList(new ArrayList<>());
    private final List<Creation> creations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger staleAnswers = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final ExecutorService threads;
    private volatile boolean stopped;

    CrashWorkload(String project, int writers, List<String> sharedFlags, long seed) {
        this.project = project;
        this.threads = Executors.newFixedThreadPool(writers);
        for (int i = 0; i < writers; i++) {
            Writer writer = new Writer(i, sharedFlags, new Random(seed + i));
            threads.submit(writer::run);
        }
    }

    void serverUp(GraphQl client) {
        server.set(client);
    }

    void serverDown() {
        server.set(null);
    }

    List<Toggle> toggles() {
        synchronized (toggles) {
            return List.copyOf(toggles);
        }
    }

    List<Creation> creations() {
        synchronized (creations) {
            return List.copyOf(creations);
        }
    }

    /** How many changes the server has acknowledged so far. */
    int acknowledged() {
        return acknowledged.get();
    }

    /** Waits until more than {@code seen} changes are acknowledged (or the timeout passes: then the kill comes anyway). */
    void awaitAcknowledgedAfter(int seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() <= seen && System.nanoTime() < deadline) Thread.sleep(20);
    }

    int staleAnswers() {
        return staleAnswers.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) threads.shutdownNow();
    }

    /**
     * One toggle tried by a test itself during a fault, recorded like the writers' (the writers mostly
     * wait on the read before a toggle, which fails the same way, so they alone may try few writes).
     */
    static Toggle tryToggle(GraphQl client, String project, String flag, String environment, boolean enabled, long expectedVersion) {
        long started = System.nanoTime();
        GraphQl.Response response = null;
        Outcome outcome;
        try {
            response = client.execute("mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }",
                    Map.of("input", Map.of("projectKey", project, "key", flag, "environment", environment, "enabled", enabled,
                            "expectedVersion", expectedVersion, "reason", "fault probe")));
            outcome = outcome(response);
        } catch (RuntimeException connectionLost) {
            outcome = Outcome.UNKNOWN;
        }
        long answered = outcome == Outcome.ACKNOWLEDGED ? response.data("toggleFlag.flag.version").asLong() : -1;
        return new Toggle(flag, expectedVersion, environment, enabled, outcome, answered,
                response == null ? null : response.errorCode(), started, (System.nanoTime() - started) / 1_000_000);
    }

    static Outcome outcome(GraphQl.Response response) {
        if (response.ok()) return Outcome.ACKNOWLEDGED;
        String code = response.errorCode();
        // Typed rejections are decided before anything is written; anything else may have been written.
        if (code != null && List.of("CONFLICT", "VALIDATION", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED").contains(code))
            return Outcome.REFUSED;
        return Outcome.UNKNOWN;
    }

    /** What a writer believes about a flag: the version and per-environment switch it last read or wrote. */
    private record Known(long version, Map<String, Boolean> enabled) {
    }

    private final class Writer {
        private final int number;
        private final List<String> flags = new ArrayList<>();
        private final Map<String, Known> known = new HashMap<>();
        private final Random random;
        private int created;

        Writer(int number, List<String> shared, Random random) {
            this.number = number;
            this.random = random;
            flags.addAll(shared);
        }

        void run() {
            while (!stopped) {
                GraphQl client = server.get();
                if (client == null) {
                    pause(20);
                    continue;
                }
                try {
                    if (random.nextInt(10) == 0) create(client);
                    else toggle(client, flags.get(random.nextInt(flags.size())));
                } catch (RuntimeException connectionLost) {
                    pause(20);
                }
            }
        }

        private void create(GraphQl client) {
            String key = "w" + number + "-n" + created++;
            Outcome outcome;
            try {
                outcome = outcome(client.execute("""
                        mutation($p: String!, $k: String!) {
                          createFlag(input: {projectKey: $p, key: $k, name: $k, valueType: BOOLEAN, reason: "crash test"}) { flag { id } }
                        }""", Map.of("p", project, "k", key)));
            } catch (RuntimeException connectionLost) {
                outcome = Outcome.UNKNOWN;
            }
            creations.add(new Creation(key, outcome));
            if (outcome == Outcome.ACKNOWLEDGED) acknowledged.incrementAndGet();
            if (outcome == Outcome.ACKNOWLEDGED) flags.add(key);
        }

        private void toggle(GraphQl client, String key) {
            Known state = known.get(key);
            if (state == null) {
                state = read(client, key);
                if (state == null) return;
                known.put(key, state);
            }
            String environment = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
            boolean enabled = !state.enabled().get(environment);
            Map<String, Object> input = Map.of("projectKey", project, "key", key, "environment", environment,
                    "enabled", enabled, "expectedVersion", state.version(), "reason", "crash test");
            GraphQl.Response response = null;
            Outcome outcome;
            long started = System.nanoTime();
            try {
                response = client.execute("""
                        mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }""",
                        Map.of("input", input));
                outcome = outcome(response);
            } catch (RuntimeException connectionLost) {
                outcome = Outcome.UNKNOWN;
            }
            long answered = outcome == Outcome.ACKNOWLEDGED ? response.data("toggleFlag.flag.version").asLong() : -1;
            toggles.add(new Toggle(key, state.version(), environment, enabled, outcome, answered,
                    response == null ? null : response.errorCode(), started, (System.nanoTime() - started) / 1_000_000));
            if (outcome == Outcome.ACKNOWLEDGED) acknowledged.incrementAndGet();
            if (outcome == Outcome.ACKNOWLEDGED && answered == state.version() + 1) {
                Map<String, Boolean> next = new HashMap<>(state.enabled());
                next.put(environment, enabled);
                known.put(key, new Known(answered, next));
            } else if (outcome == Outcome.UNKNOWN && response != null && "UNAVAILABLE".equals(response.errorCode())) {
                // The database is away: most likely nothing was written, so the writer tries again with what it
                // knew (reading first would fail the same way, and no write would be tried while it is away).
                // Had it been written after all, the next attempt is a CONFLICT and the writer reads again.
                pause(50);
            } else {
                if (outcome == Outcome.ACKNOWLEDGED) staleAnswers.incrementAndGet();
                known.remove(key);
            }
        }

        private Known read(GraphQl client, String key) {
            GraphQl.Response response = client.execute("""
                    query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) { version environments { key enabled } } }""",
                    Map.of("p", project, "k", key));
            if (!response.ok() || response.body().path("data").path("flag").isNull()) {
                pause(50);
                return null;
            }
            JsonNode flag = response.data("flag");
            Map<String, Boolean> enabled = new HashMap<>();
            flag.path("environments").forEach(environment ->
                    enabled.put(environment.path("key").asText(), environment.path("enabled").asBoolean()));
            return new Known(flag.path("version").asLong(), enabled);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
