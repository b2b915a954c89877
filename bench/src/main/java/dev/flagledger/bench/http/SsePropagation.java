package dev.flagledger.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static dev.flagledger.bench.http.ProductionToggles.percentile;

/**
 * Change-to-client propagation over the SDK stream (issue 9): N open {@code /sdk/v1/stream}
 * connections, then T toggles of one flag through GraphQL, one after another; for each toggle, the
 * time from sending the mutation until each stream's {@code patch} bytes reach the client socket
 * ({@link SseSockets}). One process, one clock, so no skew. {@code -Dwarmup.writes=N} toggles (1 000)
 * warm the server's write path before the streams open; {@code -Dwarmup=N} toggles (5) with the
 * streams open come next; neither is counted. bench/sse-propagation.sh starts the server and calls this.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.flagledger.bench.http.SsePropagation
 *      BASE_URL SDK_KEY ADMIN_PASSWORD PROJECT FLAG STREAMS TOGGLES</pre>
 */
public final class SsePropagation {
    /** {@code -Dper.toggle=true}: one line per toggle (ack, first and last stream), to see where a tail comes from. */
    private static final boolean PER_TOGGLE = Boolean.getBoolean("per.toggle");
    /** Toggles made and not counted first ({@code -Dwarmup=N}, 5): the first fan-outs run in the interpreter. */
    private static final int WARMUP = Integer.getInteger("warmup", 5);
    /**
     * Toggles made before any stream opens ({@code -Dwarmup.writes=N}, 1 000): a server that has just
     * started runs its write path (GraphQL, command, store, read models) in the interpreter and C1 for
     * the first few hundred changes; a server in service has long compiled it. 0 measures a cold one.
     */
    private static final int WARMUP_WRITES = Integer.getInteger("warmup.writes", 1_000);
    private final String base;
    private final String sdkKey;
    private final ProductionToggles admin;

    private SsePropagation(String base, String sdkKey, String adminPassword) {
        this.base = base;
        this.sdkKey = sdkKey;
        this.admin = new ProductionToggles(base, adminPassword);
    }

    private void warmUpWrites(String project, String flag) throws Exception {
        if (WARMUP_WRITES <= 0) return;
        long start = System.nanoTime();
        long version = admin.version(project, flag);
        boolean enabled = admin.enabled(project, flag);
        List<Double> acks = new ArrayList<>();
        for (int i = 0; i < WARMUP_WRITES; i++) {
            enabled = !enabled;
            long sent = System.nanoTime();
            version = admin.toggle(project, flag, version, enabled);
            acks.add((System.nanoTime() - sent) / 1e6);
        }
        int tenth = Math.max(1, WARMUP_WRITES / 10);
        System.out.printf(Locale.ROOT, "# %d warm-up toggles before the streams open in %.1f s: ack p50 %.1f ms in"
                        + " the first %d, %.1f ms in the last %d%n", WARMUP_WRITES, (System.nanoTime() - start) / 1e9,
                percentile(acks.subList(0, tenth), 50), tenth, percentile(acks.subList(acks.size() - tenth, acks.size()), 50),
                tenth);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: SsePropagation BASE_URL SDK_KEY ADMIN_PASSWORD PROJECT FLAG STREAMS TOGGLES");
            System.exit(2);
        }
        new SsePropagation(args[0], args[1], args[2])
                .run(args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }

    private void run(String project, String flag, int streams, int toggles) throws Exception {
        warmUpWrites(project, flag);
        long openStart = System.nanoTime();
        try (SseSockets sockets = new SseSockets(base, sdkKey, streams)) {
            long deadline = openStart + TimeUnit.SECONDS.toNanos(180);
            while (!sockets.streams().stream().allMatch(stream -> stream.opened)) {
                if (System.nanoTime() > deadline || sockets.streams().stream().anyMatch(stream -> stream.failed))
                    throw new IllegalStateException(sockets.streams().stream().filter(stream -> stream.opened).count()
                            + " of " + streams + " streams opened in 180 s");
                Thread.sleep(10);
            }
            System.out.printf(Locale.ROOT, "# %d streams open after %.1f s%n", streams,
                    (System.nanoTime() - openStart) / 1e9);

            long version = admin.version(project, flag);
            boolean enabled = admin.enabled(project, flag);
            List<Double> all = new ArrayList<>();
            List<Double> lastPerToggle = new ArrayList<>();
            List<Double> ackPerToggle = new ArrayList<>();
            for (int t = -WARMUP; t < toggles; t++) {
                int[] before = sockets.streams().stream().mapToInt(SseSockets.Stream::patches).toArray();
                enabled = !enabled;
                long sent = System.nanoTime();
                version = admin.toggle(project, flag, version, enabled);
                double ack = (System.nanoTime() - sent) / 1e6;
                double last = 0;
                double first = Double.MAX_VALUE;
                List<Double> samples = new ArrayList<>(streams);
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < streams; i++) {
                    SseSockets.Stream stream = sockets.streams().get(i);
                    while (stream.patches() <= before[i]) {
                        if (stream.failed || System.nanoTime() > wait)
                            throw new IllegalStateException("stream " + i + " missed toggle " + t);
                        Thread.sleep(1);
                    }
                    double ms = (stream.lastPatchAt() - sent) / 1e6;
                    samples.add(ms);
                    last = Math.max(last, ms);
                    first = Math.min(first, ms);
                }
                if (PER_TOGGLE)
                    System.out.printf(Locale.ROOT, "toggle %d%s: ack %.1f ms, first stream %.1f ms, last stream %.1f ms%n",
                            t, t < 0 ? " (warm-up)" : "", ack, first, last);
                if (t >= 0) {
                    all.addAll(samples);
                    lastPerToggle.add(last);
                    ackPerToggle.add(ack);
                }
                Thread.sleep(200); // let the fan-out settle before the next change
            }

        System.out.printf(Locale.ROOT, "RESULT streams=%d toggles=%d samples=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
                        + " p999_ms=%.2f max_ms=%.2f last_stream_p50_ms=%.2f mutation_ack_p50_ms=%.2f%n",
                streams, toggles, all.size(), percentile(all, 50), percentile(all, 90), percentile(all, 99),
                percentile(all, 99.9), percentile(all, 100), percentile(lastPerToggle, 50), percentile(ackPerToggle, 50));
        }
        System.exit(0);
    }
}
