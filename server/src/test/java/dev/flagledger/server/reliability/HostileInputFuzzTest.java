package dev.flagledger.server.reliability;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.evaluation.format.ConfigTreeReader;
import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.sdk.ofrep.OfrepContexts;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Acceptance 3 of issue 15, coverage-guided: Jazzer mutates bytes into the parsers and engines that
 * take untrusted input in the server's own process: an OFREP request body (read into a context and
 * evaluated against every flag of the shared spec vectors), a rule definition (an environment's flag
 * and segment config, compiled and evaluated against hostile contexts: backtracking regexes, deep
 * segment and prerequisite chains) and a GraphQL document (parsed, validated and limited against the
 * served schema with the server's depth and complexity limits). Every input must end in a typed
 * answer (a context or a typed refusal, a result or a typed error) within one CPU second.
 *
 * <p>Jazzer fuzzes one {@code @FuzzTest} per JVM, so one test covers all three targets, chosen by a byte
 * of the input. Without {@code JAZZER_FUZZ=1} it replays its seed and crash inputs
 * ({@code HostileInputFuzzTestInputs/}); the server module's surefire run sets it in a JVM of its own
 * (the agent instruments what it loads), with a 20-second budget; {@code -Dflagledger.long=true} fuzzes
 * for 10 minutes. A finding is written by Jazzer into
 * {@code src/test/resources/.../HostileInputFuzzTestInputs/<test>/crash-*}: commit it, and it is a
 * regression input from then on.
 */
class HostileInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CPU_LIMIT_NANOS = 1_000_000_000L;
    private static final Set<String> OFREP_CODES = Set.of("PARSE_ERROR", "INVALID_CONTEXT");
    private static final EvaluationConfig VECTORS = vectors();
    private static final GraphQL GRAPHQL = graphql();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    /** Contexts built to hurt: backtracking bait, long strings, odd types, deep attributes. */
    private static final List<EvaluationContext> HOSTILE_CONTEXTS = List.of(
            EvaluationContext.of("user-1", Map.of("email", "a".repeat(5_000) + "!", "country", "N".repeat(1_000),
                    "version", "1.2.3-" + "0".repeat(500), "age", "1e999999", "signup", "9999-99-99")),
            EvaluationContext.of("a".repeat(2_000), Map.of("account", Map.of("plan", List.of(1, 2, 3)), "email", 42)),
            new EvaluationContext(Map.of()));

    /** The budget is {@code jazzer.max_duration} when set (the pom: 20 s, 10 min with -Dflagledger.long=true). */
    @FuzzTest(maxDuration = "20s")
    void untrusted_input_gets_a_typed_answer_within_a_cpu_second(FuzzedDataProvider data) {
        fuzzOne(data);
    }

    private static void fuzzOne(FuzzedDataProvider data) {
        int target = data.consumeInt(0, 2);
        byte[] input = data.consumeRemainingAsBytes();
        long loaded = CLASSES.getTotalLoadedClassCount();
        long started = CPU.getCurrentThreadCpuTime();
        switch (target) {
            case 0 -> ofrepBody(input);
            case 1 -> ruleDefinition(input);
            default -> graphqlDocument(new String(input, StandardCharsets.UTF_8));
        }
        long spent = CPU.getCurrentThreadCpuTime() - started;
        // An input that loads classes pays for loading (and Jazzer's instrumenting) them: that first run
        // of a code path says nothing about the input's cost; a slow input is caught when it runs warm.
        if (spent > CPU_LIMIT_NANOS && CLASSES.getTotalLoadedClassCount() == loaded)
            throw new AssertionError("target " + target + " spent " + spent / 1_000_000 + " ms of CPU on one input");
    }

    /** An OFREP body: a context or PARSE_ERROR / INVALID_CONTEXT, then every flag answers with a typed result. */
    static void ofrepBody(byte[] body) {
        EvaluationContext context;
        try {
            context = OfrepContexts.read(body, new MockHttpServletRequest()::getHeader);
        } catch (OfrepContexts.BadRequest refused) {
            if (!OFREP_CODES.contains(refused.errorCode())) throw new AssertionError("untyped refusal " + refused.errorCode());
            return;
        }
        for (String flag : VECTORS.flagKeys()) typed(VECTORS.evaluate(flag, context));
    }

    /** A rule definition: refused as invalid (per flag or as a whole), or compiled and evaluated with typed results. */
    static void ruleDefinition(byte[] json) {
        Object tree;
        try {
            tree = JSON.readValue(json, Object.class);
        } catch (IOException notJson) {
            return;
        }
        EvaluationConfig config;
        try {
            config = EvaluationConfig.compile(ConfigTreeReader.read(tree));
        } catch (InvalidConfigException refused) {
            return;
        }
        for (String flag : config.flagKeys())
            for (EvaluationContext context : HOSTILE_CONTEXTS) typed(config.evaluate(flag, context));
    }

    /** A GraphQL document: whatever it is, the answer is a result with typed errors, never an exception. */
    static void graphqlDocument(String document) {
        ExecutionResult result = GRAPHQL.execute(ExecutionInput.newExecutionInput(document).build());
        for (GraphQLError error : result.getErrors())
            if (error.getMessage() == null) throw new AssertionError("an error without a message: " + error);
    }

    private static void typed(EvaluationResult result) {
        if (result == null) throw new AssertionError("no result");
        if (result.isError() && result.errorCode() == null) throw new AssertionError("an error without a code: " + result);
        if (!result.isError() && result.reason() == null) throw new AssertionError("a result without a reason: " + result);
    }

    /** Every flag and segment of spec/vectors, compiled as one environment. */
    @SuppressWarnings("unchecked")
    private static EvaluationConfig vectors() {
        try {
            Path folder = Path.of("..", "spec", "vectors");
            Map<String, Object> flags = new LinkedHashMap<>();
            Map<String, Object> segments = new LinkedHashMap<>();
            for (Object file : JSON.readValue(folder.resolve("index.json").toFile(), List.class)) {
                Map<String, Object> spec = JSON.readValue(Files.readAllBytes(folder.resolve((String) file)), Map.class);
                if (spec.get("flags") instanceof Map<?, ?> map) ((Map<String, Object>) map).forEach((key, value) -> flags.put(file + "/" + key, value));
                if (spec.get("segments") instanceof Map<?, ?> map) segments.putAll((Map<String, Object>) map);
            }
            return EvaluationConfig.compile(ConfigTreeReader.read(Map.of("flags", flags, "segments", segments)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read spec/vectors", e);
        }
    }

    /** The served schema (every module's *.graphqls) with the server's limits (application.yml). */
    private static GraphQL graphql() {
        try {
            TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
            List<Resource> files = new ArrayList<>();
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            files.addAll(List.of(resolver.getResources("classpath*:graphql/**/*.graphqls")));
            files.addAll(List.of(resolver.getResources("classpath*:graphql-sdk/**/*.graphqls")));
            for (Resource file : files)
                registry.merge(new SchemaParser().parse(new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
            return GraphQL.newGraphQL(schema).instrumentation(new ChainedInstrumentation(
                    new MaxQueryDepthInstrumentation(12), new MaxQueryComplexityInstrumentation(1000))).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema", e);
        }
    }
}
