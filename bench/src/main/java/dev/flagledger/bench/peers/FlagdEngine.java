package dev.flagledger.bench.peers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;

/**
 * The OpenFeature flagd provider in in-process mode, reading a flag file ({@code Resolver.FILE}:
 * the in-process resolver with a file connector; no flagd server, no network). The provider is
 * called directly, without the OpenFeature client in front, so the SDK's hook machinery is not
 * counted against it (we are not measured through an OpenFeature client either).
 */
final class FlagdEngine implements Engine {
    static final String NAME = "flagd";

    private final FlagdProvider provider;
    private EvaluationContext[] contexts;

    FlagdEngine(Path file) {
        provider = newProvider(file);
        try {
            provider.initialize(new ImmutableContext());
        } catch (Exception e) {
            throw new IllegalStateException("flagd provider did not initialize from " + file, e);
        }
    }

    /** The in-process provider on a flag file, not yet initialized (an OpenFeature API initializes what it is given). */
    static FlagdProvider newProvider(Path file) {
        return new FlagdProvider(FlagdOptions.builder()
                .resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString())
                .deadline(10_000)
                .build());
    }

    /** The contexts as OpenFeature contexts, for every engine that takes them. */
    static EvaluationContext[] contexts(List<Person> people) {
        EvaluationContext[] contexts = new EvaluationContext[people.size()];
        for (int i = 0; i < contexts.length; i++) {
            Person p = people.get(i);
            Map<String, Value> attributes = new HashMap<>();
            attributes.put("email", new Value(p.email()));
            attributes.put("country", new Value(p.country()));
            attributes.put("plan", new Value(p.plan()));
            attributes.put("seats", new Value(p.seats()));
            attributes.put("age", new Value(p.age()));
            attributes.put("platform", new Value(p.platform()));
            attributes.put("appVersion", new Value(p.appVersion()));
            contexts[i] = new ImmutableContext(p.key(), attributes);
        }
        return contexts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void prepare(List<Person> people) {
        contexts = contexts(people);
    }

    @Override
    public String string(String flagKey, int index) {
        ProviderEvaluation<String> evaluation = provider.getStringEvaluation(flagKey, FELL_BACK, contexts[index]);
        return evaluation.getErrorCode() != null ? FELL_BACK : evaluation.getValue();
    }

    @Override
    public boolean bool(String flagKey, int index) {
        return provider.getBooleanEvaluation(flagKey, false, contexts[index]).getValue();
    }

    @Override
    public void close() {
        provider.shutdown();
    }
}
