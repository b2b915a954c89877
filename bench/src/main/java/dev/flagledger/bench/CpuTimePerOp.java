package dev.flagledger.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cross-check of {@link EvaluationBenchmark} for a shared machine: JMH reports wall-clock time
 * per operation, which on an oversubscribed host includes the time this thread sat preempted.
 * This measures the <em>CPU time</em> of the benchmark thread per operation instead
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}), over the same config, contexts and methods, with
 * warm-up also counted in CPU time so a starved JIT still gets its compile time. It is not a JMH
 * replacement (no fork isolation; results are stored to escape instead of a blackhole); it answers "what would one
 * evaluation cost on a core of its own".
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.flagledger.bench.CpuTimePerOp}
 */
public final class CpuTimePerOp {
    private static final int OPS_PER_ROUND = 200_000;
    private static final long WARMUP_CPU_NANOS = 5_000_000_000L;
    private static final int ROUNDS = 15;
    /** Every result is stored, so it escapes and the JIT can neither skip nor scalar-replace it. */
    private static final Object[] SINK = new Object[1024];

    private CpuTimePerOp() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EvaluationBenchmark benchmark = new EvaluationBenchmark();
        benchmark.setUp();
        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("baselineBoolean", benchmark::baselineBoolean);
        cases.put("complexMixed", benchmark::complexMixed);
        cases.put("complexNoRuleMatches", benchmark::complexNoRuleMatches);
        cases.put("explainMixed", benchmark::explainMixed);
        System.out.printf("%-22s %12s %12s %12s %12s%n", "case", "cpu ns/op p50", "min", "max", "wall/cpu");
        for (Map.Entry<String, Supplier<Object>> entry : cases.entrySet()) {
            Supplier<Object> op = entry.getValue();
            long warmStart = threads.getCurrentThreadCpuTime();
            while (threads.getCurrentThreadCpuTime() - warmStart < WARMUP_CPU_NANOS) {
                round(op);
            }
            double[] cpu = new double[ROUNDS];
            long wallTotal = 0;
            long cpuTotal = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long wall0 = System.nanoTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                round(op);
                long cpuUsed = threads.getCurrentThreadCpuTime() - cpu0;
                wallTotal += System.nanoTime() - wall0;
                cpuTotal += cpuUsed;
                cpu[r] = (double) cpuUsed / OPS_PER_ROUND;
            }
            Arrays.sort(cpu);
            System.out.printf("%-22s %12.1f %12.1f %12.1f %12.2f%n", entry.getKey(), cpu[ROUNDS / 2], cpu[0],
                    cpu[ROUNDS - 1], (double) wallTotal / cpuTotal);
        }
    }

    private static void round(Supplier<Object> op) {
        for (int i = 0; i < OPS_PER_ROUND; i++) {
            SINK[i & (SINK.length - 1)] = op.get();
        }
    }
}
