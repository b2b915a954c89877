package dev.flagledger.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;

/**
 * The LaunchDarkly Java server SDK with its file data source and no event sending: offline in the
 * sense that it makes no network connection ({@code offline(true)} would also drop the file data
 * source and serve defaults). Evaluated through {@code stringVariation}/{@code boolVariation}, the
 * calls an application makes.
 */
final class LaunchDarklyEngine implements Engine {
    static final String NAME = "launchdarkly";

    private final LDClient client;
    private LDContext[] contexts;

    LaunchDarklyEngine(Path file) {
        LDConfig config = new LDConfig.Builder()
                .dataSource(FileData.dataSource().filePaths(file))
                .events(Components.noEvents())
                .diagnosticOptOut(true)
                .logging(Components.noLogging())
                .startWait(Duration.ofSeconds(10))
                .build();
        client = new LDClient("sdk-key-unused", config);
        if (!client.isInitialized()) {
            throw new IllegalStateException("LaunchDarkly file data source did not load " + file);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void prepare(List<Person> people) {
        contexts = new LDContext[people.size()];
        for (int i = 0; i < contexts.length; i++) {
            Person p = people.get(i);
            contexts[i] = LDContext.builder(p.key())
                    .set("email", p.email())
                    .set("country", p.country())
                    .set("plan", p.plan())
                    .set("seats", p.seats())
                    .set("age", p.age())
                    .set("platform", p.platform())
                    .set("appVersion", p.appVersion())
                    .build();
        }
    }

    @Override
    public String string(String flagKey, int index) {
        return client.stringVariation(flagKey, contexts[index], FELL_BACK);
    }

    @Override
    public boolean bool(String flagKey, int index) {
        return client.boolVariation(flagKey, contexts[index], false);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
