package dev.flagledger.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;

import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.evaluation.format.ConfigTreeReader;

/** Our {@code evaluation/} engine: the config tree compiled once, {@link EvaluationConfig#evaluate} per call. */
final class FlagledgerEngine implements Engine {
    static final String NAME = "flagledger";
    /** Integers stay integers (weights, numeric clause values), as the server's JSON reader gives them. */
    private static final Gson GSON = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    private final EvaluationConfig config;
    private EvaluationContext[] contexts;

    FlagledgerEngine(Path file) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = GSON.fromJson(Files.readString(file), Map.class);
            config = EvaluationConfig.compile(ConfigTreeReader.read(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!config.invalidFlags().isEmpty() || !config.invalidSegments().isEmpty()) {
            throw new IllegalStateException("flag set did not compile: " + config.invalidFlags() + " "
                    + config.invalidSegments());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void prepare(List<Person> people) {
        contexts = new EvaluationContext[people.size()];
        for (int i = 0; i < contexts.length; i++) {
            Person p = people.get(i);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("email", p.email());
            attributes.put("country", p.country());
            attributes.put("plan", p.plan());
            attributes.put("seats", p.seats());
            attributes.put("age", p.age());
            attributes.put("platform", p.platform());
            attributes.put("appVersion", p.appVersion());
            contexts[i] = EvaluationContext.of(p.key(), attributes);
        }
    }

    @Override
    public String string(String flagKey, int index) {
        EvaluationResult result = config.evaluate(flagKey, contexts[index]);
        return result.isError() ? FELL_BACK : result.variant();
    }

    @Override
    public boolean bool(String flagKey, int index) {
        return config.evaluate(flagKey, contexts[index]).value() == Boolean.TRUE;
    }

    @Override
    public void close() {
    }
}
