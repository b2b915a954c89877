package dev.flagledger.evaluation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.evaluation.model.ValueType;
import dev.flagledger.evaluation.operator.OperatorRegistry;

/**
 * All flags and segments of one environment, compiled once into an immutable, thread-safe object
 * (CONVENTIONS section 1: the snapshot the hot path reads and the projection swaps atomically).
 * Evaluation never throws and, on the fast path, allocates little beyond a rollout's hash input.
 */
public final class EvaluationConfig {
    private final Evaluator evaluator;
    private final EnvironmentCompiler.Compiled compiled;
    /** Sorted once per compiled config: every bulk evaluation walks it. */
    private final Set<String> flagKeys;

    private EvaluationConfig(EnvironmentCompiler.Compiled compiled) {
        this.compiled = compiled;
        this.evaluator = new Evaluator(compiled);
        Set<String> keys = new TreeSet<>(compiled.flags().keySet());
        keys.addAll(compiled.invalidFlags().keySet());
        this.flagKeys = Collections.unmodifiableSet(keys);
    }

    /** Compiles an environment; invalid definitions are kept aside and evaluate to PARSE_ERROR. */
    public static EvaluationConfig compile(EnvironmentDefinition definition) {
        return new EvaluationConfig(new EnvironmentCompiler(OperatorRegistry.standard()).compile(definition));
    }

    /**
     * Compiles an environment again after a change: flags and segments whose definition is the very
     * instance {@code previous} was compiled from are taken over instead of compiled again. The
     * result is the same as {@link #compile(EnvironmentDefinition)}; a caller that keeps unchanged
     * definitions as they were (the snapshot projection does) pays for the changed ones only.
     */
    public static EvaluationConfig compile(EnvironmentDefinition definition, EvaluationConfig previous) {
        EnvironmentCompiler.Compiled before = previous == null ? EnvironmentCompiler.Compiled.NONE : previous.compiled;
        return new EvaluationConfig(new EnvironmentCompiler(OperatorRegistry.standard()).compile(definition, before));
    }

    /** Compiles an environment from valid definitions. */
    public static EvaluationConfig compile(List<FlagConfig> flags, List<Segment> segments) {
        return compile(EnvironmentDefinition.of(flags, segments));
    }

    /** Evaluates without a type check. */
    public EvaluationResult evaluate(String flagKey, EvaluationContext context) {
        return evaluator.evaluate(flagKey, null, context, Tracer.NONE);
    }

    /**
     * Evaluates a flag for a context.
     *
     * @param requestedType the type the caller expects, or null for any; a different flag type
     *                      answers TYPE_MISMATCH
     */
    public EvaluationResult evaluate(String flagKey, ValueType requestedType, EvaluationContext context) {
        return evaluator.evaluate(flagKey, requestedType, context, Tracer.NONE);
    }

    /** Evaluates exactly as {@link #evaluate} does, and records each step for the debugger. */
    public Explanation explain(String flagKey, ValueType requestedType, EvaluationContext context) {
        TraceRecorder recorder = new TraceRecorder();
        EvaluationResult result = evaluator.evaluate(flagKey, requestedType, context, recorder);
        return new Explanation(result, recorder.steps());
    }

    /** Keys of every flag, valid or not, sorted: what a bulk evaluation walks. */
    public Set<String> flagKeys() {
        return flagKeys;
    }

    /** Flags that did not compile, with the reason; for logs and the admin UI. */
    public Map<String, String> invalidFlags() {
        return compiled.invalidFlags();
    }

    /** Segments that did not compile, with the reason. */
    public Map<String, String> invalidSegments() {
        return compiled.invalidSegments();
    }
}
