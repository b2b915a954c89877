package dev.flagledger.bench.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link PeerComparisonBenchmark} for a shared machine (the method of
 * {@code CpuTimePerOp}): JMH's wall-clock ns/op includes the time the thread sat preempted, which
 * at a load average of 30 on 2 cores is most of it. This measures the <em>CPU time</em> of the
 * calling thread per 5-rule evaluation, for one engine per JVM (so no engine's classes pollute
 * another's profile), after a warm-up counted in CPU time.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.flagledger.bench.peers.PeerCpuTime ENGINE [plainBoolean]}
 * (bench/jmh.sh runs it for each engine after JMH, on the 5-rule workload; {@code plainBoolean} measures
 * the boolean flag without rules instead, where the OpenFeature client's own cost shows most).
 */
public final class PeerCpuTime {
    private static final long WARMUP_CPU_NANOS = 4_000_000_000L;
    private static final long ROUND_CPU_NANOS = 200_000_000L;
    private static final int ROUNDS = 9;
    private static final int CONTEXTS = 1024;
    private static final Object[] SINK = new Object[1024];

    private PeerCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        boolean plain = args.length > 1 && args[1].equals("plainBoolean");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path directory = Files.createTempDirectory("flagledger-peers-cpu");
        Renderings.writeAll(FlagSet.standard(), directory);
        try (Engine engine = Engine.create(name, directory)) {
            engine.prepare(Person.random(42L, CONTEXTS));
            long start = threads.getCurrentThreadCpuTime();
            int next = 0;
            while (threads.getCurrentThreadCpuTime() - start < WARMUP_CPU_NANOS) {
                next = batch(engine, next, 64, plain);
            }
            double[] perOp = new double[ROUNDS];
            long wall = 0;
            long cpu = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long wall0 = System.nanoTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long ops = 0;
                long used;
                do {
                    next = batch(engine, next, 64, plain);
                    ops += 64;
                    used = threads.getCurrentThreadCpuTime() - cpu0;
                } while (used < ROUND_CPU_NANOS);
                wall += System.nanoTime() - wall0;
                cpu += used;
                perOp[r] = (double) used / ops;
            }
            Arrays.sort(perOp);
            System.out.printf(Locale.ROOT, "%s %s cpu-ns/op median %.1f min %.1f max %.1f wall/cpu %.2f%n",
                    name, plain ? "plainBoolean" : "fiveRules", perOp[ROUNDS / 2], perOp[0], perOp[ROUNDS - 1], (double) wall / cpu);
        } finally {
            for (String file : new String[] {Renderings.OURS, Renderings.FLAGD, Renderings.UNLEASH, Renderings.LAUNCHDARKLY}) {
                Files.deleteIfExists(directory.resolve(file));
            }
            Files.deleteIfExists(directory);
        }
        System.exit(0); // the peers' SDKs leave non-daemon threads behind
    }

    private static int batch(Engine engine, int next, int count, boolean plain) {
        int i = next;
        for (int n = 0; n < count; n++) {
            SINK[n & (SINK.length - 1)] = plain ? (Object) engine.bool(FlagSet.PLAIN_BOOLEAN, i)
                    : engine.string(FlagSet.FIVE_RULES, i);
            i = (i + 1) & (CONTEXTS - 1);
        }
        return i;
    }
}
