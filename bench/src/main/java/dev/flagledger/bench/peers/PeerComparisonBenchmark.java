package dev.flagledger.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9, acceptance 1: our engine and the peers' own Java evaluators in one JMH run, on the
 * same flag set ({@link FlagSet}, rendered per engine by {@link Renderings}) and the same 1 024
 * contexts (converted once per engine, rotated per call so no answer can be folded into a
 * constant). Each (workload, engine) pair runs in its own fork, so one engine's classes and
 * profile never touch another's measurement. Issue 13, acceptance 3 adds two engines behind the
 * OpenFeature client: our Java provider and flagd's provider ({@link OpenFeatureClientEngine}).
 *
 * <p>Run: {@code bench/jmh.sh} (builds, runs with {@code -prof gc}, writes
 * bench/target/jmh-peers.md and .json). Not a test: nothing in the build runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 8 warm-up seconds: on this shared 2-core machine C2 needs several seconds of a loaded CPU before
// the clause paths are compiled (EvaluationBenchmark's note); bench/jmh.sh -wi/-i lengthen it.
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PeerComparisonBenchmark {
    private static final int CONTEXTS = 1024;
    private static final long SEED = 42L;

    @Param({FlagledgerEngine.NAME, FlagdEngine.NAME, UnleashEngine.NAME, LaunchDarklyEngine.NAME,
            OpenFeatureClientEngine.FLAGLEDGER, OpenFeatureClientEngine.FLAGD})
    public String engine;

    private Engine subject;
    private Path directory;
    private String[] bulkKeys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("flagledger-peers");
        Renderings.writeAll(FlagSet.standard(), directory);
        subject = Engine.create(engine, directory);
        subject.prepare(Person.random(SEED, CONTEXTS));
        bulkKeys = new String[FlagSet.BULK_FLAGS];
        for (int i = 0; i < bulkKeys.length; i++) {
            bulkKeys[i] = FlagSet.bulkKey(i);
        }
        // Refuse to measure an engine that serves defaults (a flag file it did not load).
        if (!subject.bool(FlagSet.PLAIN_BOOLEAN, 0) || Engine.FELL_BACK.equals(subject.string(FlagSet.FIVE_RULES, 0))) {
            throw new IllegalStateException(engine + " did not load its flag file");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        subject.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A boolean flag that is on, no rules: the floor of an evaluation. */
    @Benchmark
    public boolean plainBoolean() {
        return subject.bool(FlagSet.PLAIN_BOOLEAN, rotate());
    }

    /** 5 rules of 3 clauses (one uses the segment), a 3-way rollout as the fallthrough. */
    @Benchmark
    public String fiveRules() {
        return subject.string(FlagSet.FIVE_RULES, rotate());
    }

    /** All 100 bulk flags for one context, as an OFREP bulk request does; one op = 100 evaluations. */
    @Benchmark
    public int bulk100() {
        int context = rotate();
        int on = 0;
        for (String key : bulkKeys) {
            if (subject.bool(key, context)) {
                on++;
            }
        }
        return on;
    }

    private int rotate() {
        int i = next;
        next = (i + 1) & (CONTEXTS - 1);
        return i;
    }
}
