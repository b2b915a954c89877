package dev.flagledger.bench.peers;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.flagledger.openfeature.FlagledgerOptions;
import dev.flagledger.openfeature.FlagledgerProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.OpenFeatureAPI;

/**
 * A provider behind the OpenFeature Java SDK's client, called as an application calls it
 * ({@code client.getStringDetails(key, default, context)}): our provider (sdk-java/, offline on the
 * config file, so no exposure is recorded) and flagd's in-process provider on its flag file. Both pay
 * the same client costs (context merging, hooks, the details object), so their ratio is the
 * providers' own.
 */
final class OpenFeatureClientEngine implements Engine {
    static final String FLAGLEDGER = "flagledger-openfeature";
    static final String FLAGD = "flagd-openfeature";

    private final String name;
    private final FeatureProvider provider;
    private final Client client;
    private EvaluationContext[] contexts;

    private OpenFeatureClientEngine(String name, FeatureProvider provider) {
        this.name = name;
        this.provider = provider;
        String domain = name + "-" + UUID.randomUUID();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
        this.client = OpenFeatureAPI.getInstance().getClient(domain);
    }

    static OpenFeatureClientEngine flagledger(Path configFile) {
        return new OpenFeatureClientEngine(FLAGLEDGER,
                new FlagledgerProvider(FlagledgerOptions.builder().configFile(configFile).build()));
    }

    static OpenFeatureClientEngine flagd(Path flagFile) {
        return new OpenFeatureClientEngine(FLAGD, FlagdEngine.newProvider(flagFile));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare(List<Person> people) {
        contexts = FlagdEngine.contexts(people);
    }

    @Override
    public String string(String flagKey, int index) {
        FlagEvaluationDetails<String> details = client.getStringDetails(flagKey, FELL_BACK, contexts[index]);
        return details.getErrorCode() != null ? FELL_BACK : details.getValue();
    }

    @Override
    public boolean bool(String flagKey, int index) {
        return client.getBooleanValue(flagKey, false, contexts[index]);
    }

    @Override
    public void close() {
        provider.shutdown();
    }
}
