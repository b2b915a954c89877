package dev.flagledger.server.bench;

import dev.flagledger.projections.audit.AuditTrailProjection;
import dev.flagledger.projections.audit.ReplayCost;
import dev.flagledger.projections.audit.ReplayMode;
import dev.flagledger.projections.audit.StreamReplay;
import dev.flagledger.projections.audit.TimeTravel;
import dev.flagledger.projections.audit.TimeTravelCheckpoints;
import dev.flagledger.projections.flag.FlagStateProjection;
import dev.flagledger.projections.maintenance.ReadModelMaintenance;
import dev.flagledger.projections.maintenance.ReadModelStatus;
import dev.flagledger.server.support.FlagHistory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit benchmarks of issue 4 in one run against one store: load a large realistic history
 * straight into the event store, rebuild the flag-state, audit-trail and checkpoint read models from
 * zero (events/s, through the admin rebuild operation and its progress), time {@code flagAsOf} on one
 * flag with a long history with checkpoints and with a full replay (the peer, same run), and stream
 * the audit export over HTTP as JSON Lines and CSV. Not a test: run it by hand (docs/BENCHMARKS.md).
 */
public final class AuditBenchmark {

    public static void main(String[] args) throws Exception {
        String store = System.getProperty("store", "h2");
        int events = Integer.getInteger("events", 1_000_000);
        int flagEvents = Integer.getInteger("flagEvents", 10_000);
        int projects = Integer.getInteger("projects", 20);
        int flagsPerProject = Integer.getInteger("flagsPerProject", 100);
        int calls = Integer.getInteger("calls", 50);
        int fullCalls = Integer.getInteger("fullCalls", 10);
        System.out.printf("Audit benchmark on %s: %,d events (one flag with %,d), %d projects x %d flags,"
                        + " max heap %d MB, %d cores, load average %.2f%n", store, events, flagEvents, projects,
                flagsPerProject, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Results results = new Results();
        try (BenchServer server = BenchServer.start(store, "audit", Map.of())) {
            ConfigurableApplicationContext app = server.app;
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            // The store is empty: nothing to process yet. Stopped so the load does not compete with them.
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            Loaded loaded = load(app.getBean(EventStorageEngine.class), events, flagEvents, projects, flagsPerProject);
            results.put("load (append, bypassing commands)", rate(events, loaded.took()));

            ReadModelMaintenance maintenance = app.getBean(ReadModelMaintenance.class);
            for (String model : List.of(FlagStateProjection.PROCESSING_GROUP, AuditTrailProjection.PROCESSING_GROUP,
                    TimeTravelCheckpoints.PROCESSING_GROUP))
                results.put("rebuild " + model, rate(events, rebuild(maintenance, model)));

            flagAsOf(app, loaded, calls, fullCalls, results);
            int port = server.port();
            long entries = app.getBean(JdbcTemplate.class).queryForObject("select count(*) from audit_entry", Long.class);
            for (String format : List.of("jsonl", "csv")) export(port, format, entries, results);
        }
        System.out.printf("%nResults (%s, %,d events, load average now %.2f)%n", store, events,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        results.print();
    }

    private record Loaded(Duration took, String projectKey, String flagKey, String flagId, List<Instant> flagTimes) {
    }

    /**
     * Projects, then their flags, then changes in time order over the last 30 days: the long flag gets
     * one change every {@code events / flagEvents}, the other flags take turns with the rest.
     */
    private static Loaded load(EventStorageEngine storage, int events, int flagEvents, int projects,
                               int flagsPerProject) {
        long started = System.nanoTime();
        Instant start = Instant.now().minus(Duration.ofDays(30));
        long step = Duration.ofDays(30).toNanos() / events;
        AtomicLong clock = new AtomicLong();
        Batch batch = new Batch(storage);
        List<FlagHistory> flags = new ArrayList<>();
        List<String> flagIds = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            String projectKey = "bench-" + p;
            batch.add(FlagHistory.projectCreated(projectKey, start.plusNanos(clock.getAndIncrement() * step)));
            for (int f = 0; f < flagsPerProject; f++) {
                String flagId = UUID.randomUUID().toString();
                FlagHistory flag = new FlagHistory(flagId, projectKey, "flag-" + f);
                batch.add(flag.created(start.plusNanos(clock.getAndIncrement() * step)));
                flags.add(flag);
                flagIds.add(flagId);
            }
        }
        String longFlagId = UUID.randomUUID().toString();
        FlagHistory longFlag = new FlagHistory(longFlagId, "bench-0", "long-lived");
        List<Instant> longTimes = new ArrayList<>();
        Instant created = start.plusNanos(clock.getAndIncrement() * step);
        batch.add(longFlag.created(created));
        longTimes.add(created);
        long[] next = new long[flags.size()];
        java.util.Arrays.fill(next, 1);
        long remaining = events - clock.get();
        long every = Math.max(1, remaining / Math.max(1, flagEvents - 1));
        long longNext = 1;
        long turn = 0;
        for (long g = 0; g < remaining; g++) {
            Instant at = start.plusNanos(clock.getAndIncrement() * step);
            if (longNext < flagEvents && g % every == 0) {
                batch.add(longFlag.changes(longNext++, 1, n -> at).get(0));
                longTimes.add(at);
            } else {
                int f = (int) (turn++ % flags.size());
                batch.add(flags.get(f).changes(next[f]++, 1, n -> at).get(0));
            }
            if (g % 100_000 == 0 && g > 0)
                System.out.printf("  loaded %,d events (%s)%n", clock.get(), rate(clock.get(), elapsed(started)));
        }
        batch.flush();
        Duration took = elapsed(started);
        System.out.printf("Loaded %,d events in %s: %s%n", clock.get(), took, rate(clock.get(), took));
        return new Loaded(took, "bench-0", "long-lived", longFlagId, longTimes);
    }

    /** Appends in batches of 2 000 events, each batch one transaction. */
    private static final class Batch {
        private final EventStorageEngine storage;
        private final List<DomainEventMessage<?>> events = new ArrayList<>();

        Batch(EventStorageEngine storage) {
            this.storage = storage;
        }

        void add(DomainEventMessage<?> event) {
            events.add(event);
            if (events.size() == 2_000) flush();
        }

        void flush() {
            if (events.isEmpty()) return;
            storage.appendEvents(new ArrayList<>(events));
            events.clear();
        }
    }

    /** Starts the admin rebuild of one read model and follows its progress until it reaches the head. */
    private static Duration rebuild(ReadModelMaintenance maintenance, String model) throws InterruptedException {
        long started = System.nanoTime();
        maintenance.rebuild(model);
        long lastReport = started;
        while (true) {
            Thread.sleep(200);
            ReadModelStatus status = maintenance.status(model);
            if (status.position() >= status.headPosition() && !status.replaying()) break;
            if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
                lastReport = System.nanoTime();
                System.out.printf("  %s: %,d of %,d (%.1f %%), %s%n", model, status.position(), status.headPosition(),
                        100 * status.progress(), rate(Math.max(0, status.position()), elapsed(started)));
            }
        }
        Duration took = elapsed(started);
        System.out.printf("Rebuilt %s in %s%n", model, took);
        return took;
    }

    private static void flagAsOf(ConfigurableApplicationContext app, Loaded loaded, int calls, int fullCalls,
                                 Map<String, String> results) {
        TimeTravel timeTravel = app.getBean(TimeTravel.class);
        StreamReplay replay = app.getBean(StreamReplay.class);
        List<Instant> times = loaded.flagTimes();
        Map<String, Instant> instants = new LinkedHashMap<>();
        instants.put("late (after the last event)", times.get(times.size() - 1).plusSeconds(1));
        // Just before a checkpoint is written: the most events a checkpointed replay has to fold.
        int interval = app.getBean(TimeTravelCheckpoints.class).interval();
        int worst = (times.size() / interval) * interval - 2;
        instants.put("worst case (event " + worst + ", " + (interval - 1) + " after a checkpoint)", times.get(worst));
        instants.put("middle (event " + times.size() / 2 + ")", times.get(times.size() / 2));
        instants.put("early (event 100)", times.get(Math.min(100, times.size() - 1)));
        for (var instant : instants.entrySet()) {
            Instant at = instant.getValue();
            for (int i = 0; i < 3; i++) { // warm-up, discarded
                timeTravel.flagAsOf(loaded.projectKey(), loaded.flagKey(), at, ReplayMode.CHECKPOINTS);
                timeTravel.flagAsOf(loaded.projectKey(), loaded.flagKey(), at, ReplayMode.FULL);
            }
            List<Double> checkpointed = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                checkpointed.add(timed(() -> timeTravel.flagAsOf(loaded.projectKey(), loaded.flagKey(), at,
                        ReplayMode.CHECKPOINTS)));
                if (i < fullCalls)
                    full.add(timed(() -> timeTravel.flagAsOf(loaded.projectKey(), loaded.flagKey(), at, ReplayMode.FULL)));
            }
            ReplayCost cost = replay.cost(loaded.flagId(), at);
            double ratio = median(full) / median(checkpointed);
            results.put("flagAsOf " + instant.getKey() + ", checkpoints", String.format(
                    "median %.1f ms, p95 %.1f ms (%d calls; from checkpoint %d, %d events replayed)", median(checkpointed),
                    p95(checkpointed), checkpointed.size(), cost.checkpointSequence(), cost.eventsReplayed()));
            results.put("flagAsOf " + instant.getKey() + ", full replay", String.format(
                    "median %.1f ms, p95 %.1f ms (%d calls); %.1fx the checkpointed median", median(full), p95(full),
                    full.size(), ratio));
        }
    }

    /** Streams the whole export over HTTP, counting bytes, while sampling the heap in use. */
    private static void export(int port, String format, long entries, Map<String, String> results) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/audit/export?format=" + format))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + BenchServer.PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        long bytes = 0;
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) throw new IllegalStateException("export answered " + response.statusCode());
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[65_536];
            for (int read; (read = body.read(buffer)) >= 0; ) bytes += read;
        } finally {
            sampler.interrupt();
        }
        Duration took = elapsed(started);
        double seconds = took.toNanos() / 1e9;
        results.put("export " + format + " over HTTP", String.format(
                "%,d entries, %,.1f MB in %.1f s: %,.0f entries/s, %.1f MB/s; peak heap in use %d MB of %d MB",
                entries, bytes / 1e6, seconds, entries / seconds, bytes / 1e6 / seconds, peakHeap.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20));
        System.out.println("Exported " + format + ": " + results.get("export " + format + " over HTTP"));
    }

    private static double timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String rate(long events, Duration took) {
        return String.format("%,d events in %.1f s = %,.0f events/s", events, took.toNanos() / 1e9,
                events / (took.toNanos() / 1e9));
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double p95(List<Double> values) {
        return percentile(values, 0.95);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
